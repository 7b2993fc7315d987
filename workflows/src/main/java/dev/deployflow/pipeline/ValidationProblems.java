package dev.deployflow.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the problems {@link PipelineValidator} finds, each as {@code path: message}, and holds
 * the checks that several parts of a pipeline share (required values, durations, placeholders,
 * secrets written in clear).
 */
final class ValidationProblems {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final List<String> SECRET_HEADER_WORDS =
      List.of("authorization", "token", "secret", "password", "api-key", "apikey", "cookie");
  private static final String KNOWN_PLACEHOLDERS =
      "${version}, ${previousVersion}, ${environment}, ${component}, ${weight}, ${application} or ${env:NAME}";

  private final List<String> problems = new ArrayList<>();

  void add(String path, String message) {
    problems.add(path + ": " + message);
  }

  List<String> list() {
    return List.copyOf(problems);
  }

  /** Records a problem when the text is missing; returns whether it is present. */
  boolean requireText(String path, String text) {
    if (text == null || text.isBlank()) {
      add(path, "is required");
      return false;
    }
    return true;
  }

  /** Records a problem when the object is missing; returns whether it is present. */
  boolean requireObject(String path, Object value) {
    if (value == null) {
      add(path, "is required");
      return false;
    }
    return true;
  }

  /**
   * Checks an optional duration; {@code positive} refuses {@code 0s} where a zero makes no sense
   * (timeouts, intervals). Returns the duration, or null when it is missing or wrong.
   */
  Duration optionalDuration(String path, String text, boolean positive) {
    if (text == null) {
      return null;
    }
    return duration(path, text, positive);
  }

  /** Checks a required duration, as {@link #optionalDuration}. */
  Duration requiredDuration(String path, String text, boolean positive) {
    if (!requireText(path, text)) {
      return null;
    }
    return duration(path, text, positive);
  }

  private Duration duration(String path, String text, boolean positive) {
    try {
      Duration d = Durations.parse(text);
      if (positive && d.isZero()) {
        add(path, "must be longer than 0");
        return null;
      }
      return d;
    } catch (IllegalArgumentException e) {
      add(path, e.getMessage());
      return null;
    }
  }

  /** Checks a command: present, no empty program, known placeholders in every argument. */
  void command(String path, List<String> command, String whenMissing) {
    if (command == null || command.isEmpty()) {
      add(path, whenMissing);
      return;
    }
    for (int i = 0; i < command.size(); i++) {
      String arg = command.get(i);
      String argPath = path + "[" + i + "]";
      if (arg == null) {
        add(argPath, "must not be null");
      } else if (i == 0 && arg.isBlank()) {
        add(argPath, "the program to run must not be blank");
      } else {
        placeholders(argPath, arg);
      }
    }
  }

  /** Checks a command's {@code env} list: variable names, none of them the worker's own. */
  void envNames(String path, List<String> names) {
    if (names == null) {
      return;
    }
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name == null || !ENV_NAME.matcher(name).matches()) {
        add(path + "[" + i + "]", "'" + name + "' is not an environment variable name");
      } else if (CommandSpec.reservedForWorker(name)) {
        add(path + "[" + i + "]", name + " belongs to the worker (DEPLOYFLOW_*, TEMPORAL_*) and is never given to commands");
      }
    }
  }

  /** Checks an HTTP request: a URL, a known method, placeholders, no secrets in clear. */
  void httpCall(String path, HttpCall call) {
    if (requireText(path + ".url", call.url())) {
      url(path + ".url", call.url());
    }
    if (call.method() != null
        && !List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD").contains(call.effectiveMethod())) {
      add(path + ".method", "'" + call.method() + "' is not one of GET, POST, PUT, PATCH, DELETE, HEAD");
    }
    headers(path + ".headers", call.headers());
    placeholders(path + ".body", call.body());
  }

  /** Checks a URL: known placeholders and no password written into it. */
  void url(String path, String url) {
    placeholders(path, url);
    int scheme = url.indexOf("://");
    if (scheme >= 0) {
      int end = url.indexOf('/', scheme + 3);
      String authority = end < 0 ? url.substring(scheme + 3) : url.substring(scheme + 3, end);
      int at = authority.lastIndexOf('@');
      if (at >= 0 && authority.substring(0, at).contains(":") && !authority.contains("${env:")) {
        add(path, secretAdvice("a password in the URL"));
      }
    }
  }

  /** Checks headers: known placeholders, and secret-looking headers read from the environment. */
  void headers(String path, Map<String, String> headers) {
    if (headers == null) {
      return;
    }
    for (Map.Entry<String, String> header : new TreeMap<>(headers).entrySet()) {
      String headerPath = path + "." + header.getKey();
      String value = header.getValue();
      if (value == null) {
        add(headerPath, "must not be null");
        continue;
      }
      placeholders(headerPath, value);
      String name = header.getKey().toLowerCase(Locale.ROOT);
      boolean secretLooking = SECRET_HEADER_WORDS.stream().anyMatch(name::contains);
      if (secretLooking && !value.isBlank() && !value.contains("${env:")) {
        add(headerPath, secretAdvice("this header's value"));
      }
    }
  }

  private static String secretAdvice(String what) {
    return "write " + what + " as ${env:NAME}: the pipeline is recorded in workflow history, so a secret"
        + " written in the file would be kept there";
  }

  /** Checks that every {@code ${…}} in the text is a release variable or {@code ${env:NAME}}. */
  void placeholders(String path, String text) {
    if (text == null) {
      return;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      String name = m.group(1);
      if (name.startsWith("env:")) {
        if (!ENV_NAME.matcher(name.substring(4)).matches()) {
          add(path, "${" + name + "} does not name an environment variable; write ${env:NAME} with"
              + " letters, digits and underscores");
        }
      } else if (!Templates.VARIABLES.contains(name)) {
        add(path, "unknown placeholder ${" + name + "}; use " + KNOWN_PLACEHOLDERS);
      }
    }
    if (PLACEHOLDER.matcher(text).replaceAll("").contains("${")) {
      add(path, "a placeholder is not closed; write ${name}");
    }
  }

  /** Checks a JSON pointer: empty (the whole document) or starting with {@code /}. */
  void jsonPointer(String path, String pointer) {
    if (pointer == null) {
      add(path, "is required, such as /version");
    } else if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      add(path, "'" + pointer + "' is not a JSON pointer; start it with /, such as /version");
    }
  }

  /** Checks that a name is present, has no spaces, and is not used twice among its siblings. */
  void uniqueName(String path, String name, Map<String, String> seen) {
    if (!requireText(path, name)) {
      return;
    }
    if (name.chars().anyMatch(Character::isWhitespace)) {
      add(path, "'" + name + "' must not contain spaces");
    }
    String owner = path.endsWith(".name") ? path.substring(0, path.length() - ".name".length()) : path;
    String earlier = seen.putIfAbsent(name, owner);
    if (earlier != null) {
      add(path, "'" + name + "' is already used by " + earlier);
    }
  }
}
