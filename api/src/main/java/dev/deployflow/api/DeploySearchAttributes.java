package dev.deployflow.api;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The keyword search attributes of CONTRACT.md. The worker registers them at start-up where they
 * are missing; the release workflow sets them at start and keeps them current.
 */
public final class DeploySearchAttributes {
  public static final SearchAttributeKey<String> APPLICATION =
      SearchAttributeKey.forKeyword("DeployApplication");
  public static final SearchAttributeKey<String> VERSION =
      SearchAttributeKey.forKeyword("DeployVersion");
  public static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword("DeployPhase");
  public static final SearchAttributeKey<String> OUTCOME =
      SearchAttributeKey.forKeyword("DeployOutcome");
  public static final SearchAttributeKey<String> REQUESTED_BY =
      SearchAttributeKey.forKeyword("DeployRequestedBy");

  /** All of them, for registration. */
  public static final List<SearchAttributeKey<String>> ALL =
      List.of(APPLICATION, VERSION, PHASE, OUTCOME, REQUESTED_BY);

  private DeploySearchAttributes() {}
}
