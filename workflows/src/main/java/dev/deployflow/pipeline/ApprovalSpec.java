package dev.deployflow.pipeline;

import java.util.List;

/**
 * A manual approval gate: who may approve, how many approvals are needed (N of M), whether the
 * requester may approve their own release, how long to wait, and when to remind the approvers
 * (durations before the deadline; half the timeout when not given).
 */
public record ApprovalSpec(
    List<String> approvers,
    Integer required,
    String timeout,
    Boolean allowSelfApproval,
    List<String> remindBefore) {

  /** The number of approvals needed, 1 by default. */
  public int requiredCount() {
    return required == null ? 1 : required;
  }

  /** Whether the requester may approve, false by default. */
  public boolean selfApprovalAllowed() {
    return Boolean.TRUE.equals(allowSelfApproval);
  }
}
