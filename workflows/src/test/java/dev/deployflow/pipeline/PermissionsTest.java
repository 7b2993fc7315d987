package dev.deployflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.pipeline.Permissions.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table "Who may do what" of CONTRACT.md as a pure function of the pipeline and the requester. */
class PermissionsTest {

  private static Pipeline pipeline(ApprovalSpec approval, List<String> operators) {
    return new Pipeline("demo-shop", null, List.of(),
        List.of(new Environment("staging", null, null, null, null, null, null, null),
            new Environment("production", null, null, approval, null, null, null, null)),
        null, null, null, null, operators, null);
  }

  private static ApprovalSpec gate(boolean selfApproval, String... approvers) {
    return new ApprovalSpec(List.of(approvers), 1, "24h", selfApproval, null);
  }

  @Test
  void approversApproveAndRejectButNeverTheRequesterWithoutSelfApproval() {
    Permissions rules = Permissions.of(pipeline(gate(false, "alice", "carol"), List.of("dave")), "alice");
    assertThat(rules.allowed(Action.APPROVE)).containsExactly("carol");
    assertThat(rules.allowed(Action.REJECT)).containsExactly("carol");
    assertThat(rules.refusal(Action.APPROVE, "dave", "approve", "demo-shop 1.1.0"))
        .isEqualTo("dave may not approve demo-shop 1.1.0: approve is for the approvers of gate 'production' (carol)");
    assertThat(rules.refusal(Action.REJECT, "alice", "reject", "demo-shop 1.1.0"))
        .isEqualTo("alice may not reject demo-shop 1.1.0: alice requested it, and gate 'production' does not allow"
            + " self-approval (separation of duties); reject is for the approvers of gate 'production' other than the"
            + " requester (carol); to withdraw the release, send rollback");

    Permissions allowed = Permissions.of(pipeline(gate(true, "alice", "carol"), null), "alice");
    assertThat(allowed.allows(Action.APPROVE, "alice")).isTrue();
    assertThat(allowed.allows(Action.PROMOTE, "alice")).isTrue();
  }

  @Test
  void promoteIsForApproversAndOperatorsNeverTheRequester() {
    Permissions rules = Permissions.of(pipeline(gate(false, "carol", "alice"), List.of("dave")), "alice");
    assertThat(rules.allowed(Action.PROMOTE)).containsExactly("carol", "dave");
    assertThat(rules.refusal(Action.PROMOTE, "bob", "promote", "demo-shop 1.1.0"))
        .isEqualTo("bob may not promote demo-shop 1.1.0: promote is for the production approvers and operators (carol, dave)");
    assertThat(rules.refusal(Action.PROMOTE, "alice", "promote (full)", "demo-shop 1.1.0"))
        .isEqualTo("alice may not promote (full) demo-shop 1.1.0: alice requested it, and gate 'production' does not"
            + " allow self-approval (separation of duties); promote is for the production approvers and operators other"
            + " than the requester (carol, dave)");
    assertThat(rules.refusal(Action.PROMOTE, "dave", "promote", "demo-shop 1.1.0")).isNull();
  }

  @Test
  void retryAndSkipAreForApproversAndOperators() {
    Permissions rules = Permissions.of(pipeline(gate(false, "carol"), List.of("dave")), "alice");
    assertThat(rules.allowed(Action.RETRY)).containsExactly("carol", "dave");
    assertThat(rules.refusal(Action.SKIP, "alice", "skip", "demo-shop 1.1.0"))
        .isEqualTo("alice may not skip demo-shop 1.1.0: skip is for the production approvers and operators (carol, dave)");
  }

  @Test
  void theRequesterApproversAndOperatorsPauseResumeAndRollBack() {
    Permissions rules = Permissions.of(pipeline(gate(false, "carol"), List.of("dave")), "alice");
    for (Action action : List.of(Action.PAUSE, Action.RESUME, Action.ROLLBACK)) {
      assertThat(rules.allowed(action)).containsExactly("alice", "carol", "dave");
    }
    assertThat(rules.refusal(Action.PAUSE, "mallory", "pause", "demo-shop 1.1.0"))
        .isEqualTo("mallory may not pause demo-shop 1.1.0: pause is for the requester, the production approvers and"
            + " operators (alice, carol, dave)");
    assertThat(rules.refusal(Action.ROLLBACK, "alice", "roll back", "demo-shop 1.1.0")).isNull();
  }

  @Test
  void withoutOperatorsTheOperatorsAreTheApprovers() {
    Permissions rules = Permissions.of(pipeline(gate(false, "bob", "carol"), null), "alice");
    assertThat(rules.allowed(Action.PROMOTE)).containsExactly("bob", "carol");
    assertThat(rules.allowed(Action.ROLLBACK)).containsExactly("alice", "bob", "carol");
  }

  @Test
  void withoutAnApprovalGateOnlyTheRequesterAndTheOperatorsAct() {
    Permissions withOperators = Permissions.of(pipeline(null, List.of("dave", "alice")), "alice");
    assertThat(withOperators.allowed(Action.APPROVE)).isEmpty();
    assertThat(withOperators.allowed(Action.PROMOTE)).containsExactly("dave");
    assertThat(withOperators.allowed(Action.PAUSE)).containsExactly("alice", "dave");
    assertThat(withOperators.refusal(Action.PROMOTE, "alice", "promote", "demo-shop 1.1.0"))
        .isEqualTo("alice may not promote demo-shop 1.1.0: alice requested it, and without an approval gate nothing"
            + " allows self-approval (separation of duties); promote is for the production approvers and operators"
            + " other than the requester (dave)");
    assertThat(withOperators.refusal(Action.APPROVE, "dave", "approve", "demo-shop 1.1.0"))
        .isEqualTo("dave may not approve demo-shop 1.1.0: approve is for the approvers of production's approval gate,"
            + " and production has none");

    Permissions nobody = Permissions.of(pipeline(null, null), "alice");
    assertThat(nobody.allowed(Action.PAUSE)).containsExactly("alice");
    assertThat(nobody.refusal(Action.PROMOTE, "bob", "promote", "demo-shop 1.1.0"))
        .isEqualTo("bob may not promote demo-shop 1.1.0: promote is for the production approvers and operators"
            + " (nobody: production has no approval gate and the pipeline names no operators; add operators: [names])");
  }

  @Test
  void namesCompareExactly() {
    Permissions rules = Permissions.of(pipeline(gate(false, "bob"), null), "alice");
    assertThat(rules.allows(Action.APPROVE, "Bob")).isFalse();
    assertThat(rules.allows(Action.APPROVE, "bob ")).isFalse();
    assertThat(rules.allows(Action.APPROVE, null)).isFalse();
  }
}
