package dev.deployflow.worker.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an unusable token or chat-user setting in a person's words instead of a stack trace. */
public class InvalidCredentialSettingFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidCredentialSettingException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidCredentialSettingException cause) {
    return new FailureAnalysis(
        "Invalid worker setting:\n\n    " + cause.getMessage(),
        "Correct the setting (see the README's Security section), then start the worker again.",
        cause);
  }
}
