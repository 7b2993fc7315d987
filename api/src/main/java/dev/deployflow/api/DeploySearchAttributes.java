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

  /** Who approved the release, comma-separated; set at completion (history). */
  public static final SearchAttributeKey<String> APPROVED_BY =
      SearchAttributeKey.forKeyword("DeployApprovedBy");
  /** The request's {@code committedAt} as an ISO-8601 instant; set at completion (lead time). */
  public static final SearchAttributeKey<String> COMMITTED_AT =
      SearchAttributeKey.forKeyword("DeployCommittedAt");
  /** When the production rollout completed, ISO-8601; set at completion (lead time). */
  public static final SearchAttributeKey<String> LIVE_AT = SearchAttributeKey.forKeyword("DeployLiveAt");
  /** When the failure that led to a rollback was seen, ISO-8601 (time to restore). */
  public static final SearchAttributeKey<String> FAILED_AT =
      SearchAttributeKey.forKeyword("DeployFailedAt");
  /** When that rollback was done, ISO-8601 (time to restore). */
  public static final SearchAttributeKey<String> RESTORED_AT =
      SearchAttributeKey.forKeyword("DeployRestoredAt");

  /** All of them, for registration. */
  public static final List<SearchAttributeKey<String>> ALL =
      List.of(APPLICATION, VERSION, PHASE, OUTCOME, REQUESTED_BY, APPROVED_BY, COMMITTED_AT, LIVE_AT,
          FAILED_AT, RESTORED_AT);

  private DeploySearchAttributes() {}
}
