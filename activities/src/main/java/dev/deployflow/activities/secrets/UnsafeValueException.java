package dev.deployflow.activities.secrets;

/**
 * A substituted value that would change the structure of the text it goes into (a JSON body, a
 * URL, a PromQL query, a header, an argument). The message names the placeholder and the field,
 * never the value: the value may be a secret, or an attacker's text.
 */
public final class UnsafeValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnsafeValueException(String message) {
    super(message);
  }
}
