package dev.deployflow.activities.secrets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secret values with {@code ****} in text that leaves an activity: command output,
 * heartbeat details, results and failure messages.
 *
 * <p>Secrets are the values that {@code ${env:NAME}} placeholders resolved to (registered by
 * {@link TemplateRenderer}, which also registers every variable the worker's pipelines
 * reference), plus the values of worker environment variables whose names look secret
 * ({@code *_URL}, {@code *_DSN}, {@code *TOKEN*}, {@code *SECRET*}, {@code *PASSWORD*},
 * {@code *KEY*}…), so that a secret a command reads from its own environment is masked too. Each
 * secret is masked in the forms a request or a program writes it in as well: percent-encoded,
 * form-encoded, JSON-escaped and PromQL-escaped. Independently of what is registered, the password
 * of a URL ({@code scheme://user:password@host}) is always masked.
 *
 * <p>Output is masked as it streams ({@link #stream()}), before a bounded tail keeps its end, so
 * that a tail cut inside a secret never shows half of it. One instance belongs to one activity
 * call; it is thread-safe because output pumps and heartbeats run on other threads.
 */
public final class SecretMasker {
  /** What a masked value is replaced with. */
  public static final String MASK = "****";

  private static final List<String> SECRET_NAME_PARTS =
      List.of("TOKEN", "SECRET", "PASSWORD", "PASSWD", "KEY", "CREDENTIAL");
  private static final List<String> SECRET_NAME_ENDINGS = List.of("_URL", "_DSN");

  /*
   * scheme://user:password@host — the password ends at the last '@' before the host. The scheme
   * starts a word and every part is bounded, so that a long run of text without spaces costs
   * linear time, not a backtracking search.
   */
  private static final Pattern URL_CREDENTIALS = Pattern.compile(
      "(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{0,31}://[^\\s/@:]{0,256}:)[^\\s/]{1,256}(@[^\\s/@]{0,256})");

  /*
   * Values found only by their variable's name must be this long to be masked: masking a short
   * value such as "1" or "eu" everywhere would make every output unreadable. Values that a
   * ${env:…} placeholder explicitly used are always masked, whatever their length.
   */
  private static final int MIN_GUESSED_SECRET_LENGTH = 4;

  /* A URL longer than this whose authority is still open is shown; none is that long in practice. */
  private static final int URL_HOLD_BACK = 512;

  /* A fragment of a secret cut by the start of an output tail is masked from this length on. */
  private static final int MIN_FRAGMENT_LENGTH = 3;

  private final Set<String> secrets = new LinkedHashSet<>();
  private volatile List<String> longestFirst = List.of();

  /** A masker that knows no secrets yet. */
  public SecretMasker() {}

  /** A masker that already knows the values of the environment's secret-looking variables. */
  public static SecretMasker forEnvironment(Map<String, String> environment) {
    SecretMasker masker = new SecretMasker();
    environment.forEach(
        (name, value) -> {
          if (looksSecret(name) && value != null && value.strip().length() >= MIN_GUESSED_SECRET_LENGTH) {
            masker.register(value);
          }
        });
    return masker;
  }

  /** Whether a variable's name suggests that its value is a secret (or holds one, as a URL may). */
  public static boolean looksSecret(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return SECRET_NAME_PARTS.stream().anyMatch(upper::contains) || SECRET_NAME_ENDINGS.stream().anyMatch(upper::endsWith);
  }

  /** Adds a value (and its encoded forms) to mask from now on; empty values are ignored. */
  public synchronized void register(String value) {
    if (value == null || value.isEmpty() || secrets.contains(value)) {
      return;
    }
    secrets.add(value);
    secrets.add(Escapes.percentEncode(value));
    secrets.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
    secrets.add(Escapes.jsonString(value));
    secrets.add(Escapes.promqlString(value, '"'));
    // Longest first, so that a secret containing another one is masked whole.
    longestFirst = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** The text with every known secret and every URL password replaced by {@link #MASK}; null stays null. */
  public String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String masked = text;
    for (String secret : longestFirst) {
      masked = masked.replace(secret, MASK);
    }
    if (masked.contains("://")) {
      masked = URL_CREDENTIALS.matcher(masked)
          .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(2)));
    }
    return masked;
  }

  /**
   * Masks the tail of a longer output that was not masked as it streamed. Besides whole secrets,
   * a tail that was cut inside a secret starts with that secret's last characters; those are
   * masked as well. Output of {@link #stream()} needs none of this.
   */
  public String maskTail(String tail, boolean truncated) {
    String masked = mask(tail);
    if (!truncated || masked == null) {
      return masked;
    }
    for (String secret : longestFirst) {
      for (int keep = secret.length() - 1; keep >= MIN_FRAGMENT_LENGTH; keep--) {
        if (masked.startsWith(secret.substring(secret.length() - keep))) {
          return MASK + masked.substring(keep);
        }
      }
    }
    return masked;
  }

  /** A masking filter for one output stream, to apply before the output is truncated. */
  public Stream stream() {
    return new Stream();
  }

  /*
   * Where the text's end could still grow into a secret or a URL password: the start of its
   * longest suffix that begins some secret, or of a URL whose authority (and so whose password)
   * is not finished yet. Text before that point can be shown: no later text changes its masking.
   */
  private int stableLength(String text) {
    int stable = text.length();
    for (String secret : longestFirst) {
      for (int k = Math.min(secret.length() - 1, text.length()); k > 0; k--) {
        if (text.regionMatches(text.length() - k, secret, 0, k)) {
          stable = Math.min(stable, text.length() - k);
          break;
        }
      }
    }
    int scheme = text.lastIndexOf("://");
    if (scheme >= 0 && text.length() - scheme <= URL_HOLD_BACK
        && text.substring(scheme + 3).chars().noneMatch(c -> c == '/' || Character.isWhitespace(c))) {
      int start = scheme;
      while (start > 0 && isSchemeCharacter(text.charAt(start - 1))) {
        start--;
      }
      stable = Math.min(stable, start);
    }
    return stable;
  }

  private static boolean isSchemeCharacter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-';
  }

  /**
   * Masks text that arrives in pieces. A secret may be split between two pieces, so the end of
   * each piece that could still be the start of a secret (or of a URL's credentials) is held
   * back until the next piece or {@link #finish()}; everything else is passed on at once, so that
   * a running command's heartbeat shows its latest output.
   */
  public final class Stream {
    private final StringBuilder pending = new StringBuilder();

    private Stream() {}

    /** Masks what can be masked of {@code text} now and returns it; the rest waits. */
    public synchronized String push(String text) {
      pending.append(text);
      String masked = mask(pending.toString());
      int emit = stableLength(masked);
      pending.setLength(0);
      pending.append(masked, emit, masked.length());
      return masked.substring(0, emit);
    }

    /** Masks and returns everything still held back, at the end of the stream. */
    public synchronized String finish() {
      String rest = mask(pending.toString());
      pending.setLength(0);
      return rest;
    }
  }
}
