package dev.deployflow.worker.security;

/**
 * A credential setting of the worker ({@code deployflow.api.tokens}, {@code deployflow.chat.users})
 * that cannot be used. The message names the setting and the entry, never a secret; start-up
 * stops with it (see {@link InvalidCredentialSettingFailureAnalyzer}).
 */
public class InvalidCredentialSettingException extends IllegalArgumentException {
  public InvalidCredentialSettingException(String message) {
    super(message);
  }
}
