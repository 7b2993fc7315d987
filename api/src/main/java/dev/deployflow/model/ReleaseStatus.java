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
 * @param transitions every phase change so far, in order, as data: what the CLI draws its phase
 *     row from (the timeline says the same in words)
 * @param timelineDropped how many timeline events were dropped: the timeline keeps the first and
 *     the most recent ones, with one marker event where the dropped ones were
 * @param rejectedMessagesDropped how many refused messages were dropped, kept the same way
 * @param waves the production waves in the order they roll out, each with its state and the
 *     candidate's weight there, from the moment the pipeline is loaded (a single wave when the
 *     pipeline names no {@code role}: its last environment)
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
    List<PhaseTransition> transitions,
    long timelineDropped,
    long rejectedMessagesDropped,
    List<WaveStatus> waves) {

  /** A status read from an older writer has no waves: an empty list, never null. */
  public ReleaseStatus {
    waves = waves == null ? List.of() : List.copyOf(waves);
  }

  /** A status without waves (before the pipeline is loaded, or from an older writer). */
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
      List<RejectedMessage> rejectedMessages,
      List<PhaseTransition> transitions,
      long timelineDropped,
      long rejectedMessagesDropped) {
    this(application, version, requestedBy, phase, state, currentStep, outcome, previousVersion, environments,
        gates, analysis, timeline, compensations, rejectedMessages, transitions, timelineDropped,
        rejectedMessagesDropped, List.of());
  }

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
      List<RejectedMessage> rejectedMessages,
      List<PhaseTransition> transitions) {
    this(application, version, requestedBy, phase, state, currentStep, outcome, previousVersion, environments,
        gates, analysis, timeline, compensations, rejectedMessages, transitions, 0, 0, List.of());
  }

  /** One environment: the version it runs and the share of traffic the candidate gets. */
  public record EnvironmentStatus(
      String name, String version, String previousVersion, int weight) {}

  /**
   * One production wave: its number (1 for the first), its environment, how it stands, and the
   * share of traffic the candidate gets there (0 before its first deploy and after a rollback).
   * {@code version} is what the release last deployed there, null before.
   */
  public record WaveStatus(int wave, String environment, WaveState state, int weight, String version) {}

  /**
   * A gate that waits for people: what for ({@code kind}), approvers, who approved, how many are
   * needed and until when; {@code commands} holds the command lines a person would type to act;
   * a {@code decision} gate names the failed {@code step} and its {@code error}. An approval gate
   * also carries what is being approved, so that nobody approves blind: the release's
   * {@code changes}, the version {@code diff} per component and environment (live → candidate, for
   * the environments whose versions the release has read so far: the pre-production stages, and
   * the wave the gate opens for, read right before the gate opens) and the plan's one-line {@code planSummary}
   * (as {@code deployflow plan} prints it). Other gates leave them empty.
   */
  public record GateStatus(
      String name,
      GateKind kind,
      GateState state,
      List<String> approvers,
      List<Approval> approvals,
      int required,
      String deadline,
      List<String> commands,
      String step,
      String error,
      List<String> changes,
      List<PlanPreview.VersionChange> diff,
      String planSummary) {

    /** Null lists become empty, so a status read by an older writer still has them. */
    public GateStatus {
      changes = changes == null ? List.of() : List.copyOf(changes);
      diff = diff == null ? List.of() : List.copyOf(diff);
    }

    /** A gate without a failed step and without approval context. */
    public GateStatus(String name, GateKind kind, GateState state, List<String> approvers, List<Approval> approvals,
        int required, String deadline, List<String> commands) {
      this(name, kind, state, approvers, approvals, required, deadline, commands, null, null, List.of(), List.of(), null);
    }

    /**
     * A decision gate after a failure: {@code step} and {@code error} (the failed step and its
     * error, as the activity gave it, masked).
     */
    public GateStatus(String name, GateKind kind, GateState state, List<String> approvers, List<Approval> approvals,
        int required, String deadline, List<String> commands, String step, String error) {
      this(name, kind, state, approvers, approvals, required, deadline, commands, step, error, List.of(), List.of(), null);
    }

    /** An approval gate with what it asks people to approve. */
    public GateStatus(String name, GateKind kind, GateState state, List<String> approvers, List<Approval> approvals,
        int required, String deadline, List<String> commands, List<String> changes,
        List<PlanPreview.VersionChange> diff, String planSummary) {
      this(name, kind, state, approvers, approvals, required, deadline, commands, null, null, changes, diff, planSummary);
    }
  }

  /** One approval counted for a gate. */
  public record Approval(String by, String at, String comment) {}

  /** The measurements of one metric during one analysis run, and its verdict so far. */
  public record AnalysisStatus(
      String metric, String step, List<MeasurementStatus> measurements, AnalysisState verdict) {}

  /** One measurement as shown to a person: {@code outcome} is how the analysis judged it. */
  public record MeasurementStatus(String at, Double value, MeasurementState outcome, String detail) {}

  /** One line of the release's story. */
  public record TimelineEvent(String at, String event, String by) {}

  /** One registered compensation and whether it ran (see {@link CompensationState}). */
  public record CompensationStatus(String action, CompensationState state, String detail) {}

  /** One phase change: when, from which phase to which, and on what ({@code staged}, {@code gate failed}). */
  public record PhaseTransition(String at, Phase from, Phase to, String event) {}

  /** A signal that was refused, kept so that the sender can see why. */
  public record RejectedMessage(String at, String name, String by, String reason) {}
}
