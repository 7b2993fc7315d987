package dev.deployflow.model;

import java.util.List;

/**
 * The answer of the {@code status} query and of every accepted update: the release as a person
 * sees it. Lists are never null.
 *
 * @param compensations every compensation the release registered, in the order it registered
 *     them: each before the action it undoes (an environment's migration undo before its components'
 *     previous versions, components in pipeline order), and the configuration rollback when it runs.
 *     A rollback runs an environment's compensations in the REVERSE of this order; the post-mortem's
 *     "what was undone" and the release log list them in the order they ran.
 * @param timelineDropped how many timeline events were dropped: the timeline keeps the first and
 *     the most recent ones, with one marker event where the dropped ones were
 * @param rejectedMessagesDropped how many refused messages were dropped, kept the same way
 */
public record ReleaseStatus(
    String application,
    String version,
    String requestedBy,
    Phase phase,
    RunState state,
    String currentStep,
    Outcome outcome,
    String previousVersion,
    List<EnvironmentStatus> environments,
    List<GateStatus> gates,
    List<AnalysisStatus> analysis,
    List<TimelineEvent> timeline,
    List<CompensationStatus> compensations,
    List<RejectedMessage> rejectedMessages,
    long timelineDropped,
    long rejectedMessagesDropped) {

  /** A status whose lists are complete: nothing was dropped. */
  public ReleaseStatus(
      String application,
      String version,
      String requestedBy,
      Phase phase,
      RunState state,
      String currentStep,
      Outcome outcome,
      String previousVersion,
      List<EnvironmentStatus> environments,
      List<GateStatus> gates,
      List<AnalysisStatus> analysis,
      List<TimelineEvent> timeline,
      List<CompensationStatus> compensations,
      List<RejectedMessage> rejectedMessages) {
    this(application, version, requestedBy, phase, state, currentStep, outcome, previousVersion, environments,
        gates, analysis, timeline, compensations, rejectedMessages, 0, 0);
  }

  /** One environment: the version it runs and the share of traffic the candidate gets. */
  public record EnvironmentStatus(
      String name, String version, String previousVersion, int weight) {}

  /**
   * A gate that waits for people: approvers, who approved, how many are needed and until when.
   * {@code state} is {@code waiting}, {@code approved}, {@code rejected} or {@code timed_out};
   * {@code commands} holds the command lines a person would type to approve.
   */
  public record GateStatus(
      String name,
      String state,
      List<String> approvers,
      List<Approval> approvals,
      int required,
      String deadline,
      List<String> commands) {}

  /** One approval counted for a gate. */
  public record Approval(String by, String at, String comment) {}

  /** The measurements of one metric during one analysis run, and its verdict so far. */
  public record AnalysisStatus(
      String metric, String step, List<MeasurementStatus> measurements, String verdict) {}

  /** One measurement as shown to a person: {@code outcome} is the analysis outcome. */
  public record MeasurementStatus(String at, Double value, String outcome, String detail) {}

  /** One line of the release's story. */
  public record TimelineEvent(String at, String event, String by) {}

  /**
   * One registered compensation and whether it ran: {@code pending}, {@code done}, {@code failed},
   * {@code skipped} (nothing to restore) or {@code not_run} (the release ended without needing it).
   */
  public record CompensationStatus(String action, String state, String detail) {}

  /** A signal that was refused, kept so that the sender can see why. */
  public record RejectedMessage(String at, String name, String by, String reason) {}
}
