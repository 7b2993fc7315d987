package dev.deployflow.cli.watch;

/** ANSI colours and screen control, or nothing at all when output is not a terminal. */
final class Ansi {
  /** Moves the cursor home and clears the screen. */
  static final String CLEAR_SCREEN = "\033[H\033[2J";

  private final boolean enabled;

  Ansi(boolean enabled) {
    this.enabled = enabled;
  }

  String bold(String text) {
    return wrap("1", text);
  }

  String dim(String text) {
    return wrap("2", text);
  }

  String green(String text) {
    return wrap("32", text);
  }

  String red(String text) {
    return wrap("31", text);
  }

  String yellow(String text) {
    return wrap("33", text);
  }

  private String wrap(String code, String text) {
    return enabled ? "\033[" + code + "m" + text + "\033[0m" : text;
  }
}
