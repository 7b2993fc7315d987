package dev.deployflow.activities.secrets;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replaces secret values with {@code ****} in text that leaves an activity: command output,
 * heartbeat details, results and failure messages.
 *
 * <p>Secrets are the values that {@code ${env:NAME}} placeholders resolved to while rendering
 * (registered by {@link TemplateRenderer}), plus the values of worker environment variables whose
 * names look secret ({@code *TOKEN*}, {@code *SECRET*}, {@code *PASSWORD*}, {@code *KEY*}…), so
 * that a secret a command reads from its own environment is masked too. One instance belongs to
 * one activity call; it is thread-safe because output pumps and heartbeats run on other threads.
 */
public final class SecretMasker {
  /** What a masked value is replaced with. */
  public static final String MASK = "****";

  private static final List<String> SECRET_NAME_PARTS =
      List.of("TOKEN", "SECRET", "PASSWORD", "PASSWD", "KEY", "CREDENTIAL");

  /*
   * Values found only by their variable's name must be this long to be masked: masking a short
   * value such as "1" or "eu" everywhere would make every output unreadable. Values that a
   * ${env:…} placeholder explicitly used are always masked, whatever their length.
   */
  private static final int MIN_GUESSED_SECRET_LENGTH = 4;

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

  /** Whether a variable's name suggests that its value is a secret. */
  public static boolean looksSecret(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return SECRET_NAME_PARTS.stream().anyMatch(upper::contains);
  }

  /** Adds a value to mask from now on; empty values are ignored. */
  public synchronized void register(String value) {
    if (value == null || value.isEmpty() || !secrets.add(value)) {
      return;
    }
    // Longest first, so that a secret containing another one is masked whole.
    longestFirst = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** The text with every known secret replaced by {@link #MASK}; null stays null. */
  public String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String masked = text;
    for (String secret : longestFirst) {
      masked = masked.replace(secret, MASK);
    }
    return masked;
  }

  /**
   * Masks the tail of a longer output. Besides whole secrets, a tail that was cut inside a secret
   * starts with that secret's last characters; those are masked as well.
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
}
