package dev.deployflow.cli;

/** Decides whether the live view may redraw the screen with ANSI sequences. */
final class Terminal {
  private Terminal() {}

  /** True for an interactive console whose terminal understands cursor control. */
  static boolean isInteractive() {
    String term = System.getenv("TERM");
    return System.console() != null && term != null && !term.isBlank() && !"dumb".equals(term);
  }
}
