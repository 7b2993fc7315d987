package dev.deployflow.workflow;

import dev.deployflow.model.AnalysisState;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.AnalysisStatus;
import dev.deployflow.model.ReleaseStatus.EnvironmentStatus;
import dev.deployflow.model.ReleaseStatus.GateStatus;
import dev.deployflow.model.ReleaseStatus.MeasurementStatus;
import dev.deployflow.model.ReleaseStatus.RejectedMessage;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import dev.deployflow.model.RunState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Everything the {@code status} query shows, kept by the release workflow as it goes: the phase
 * and what happens now, the environments and their versions, the gates, the analyses, the
 * timeline, the compensations and the refused messages. {@link #toStatus} makes the immutable
 * {@link ReleaseStatus}. Only the workflow thread changes it; queries read it.
 */
final class ReleaseState {

  /** Told whenever something a person sees changed, to keep the Temporal UI's details current. */
  interface Publisher {
    void publish(ReleaseState state);
  }

  /** The timeline keeps its first and its most recent events (see {@link BoundedList}). */
  static final int TIMELINE_FIRST = 100;
  static final int TIMELINE_RECENT = 400;
  /** The refused messages are kept the same way: a flood of refused signals never grows the status. */
  static final int REJECTED_FIRST = 20;
  static final int REJECTED_RECENT = 80;

  private final ReleaseRequest request;
  private final boolean validRequest;
  private final LongSupplier clock;
  private final Publisher publisher;
  private final String startedAt;
  private Phase phase = Phase.PREPARATION;
  private RunState runState = RunState.RUNNING;
  private String currentStep = "starting";
  private Outcome outcome;
  private String summary;
  private final Map<String, EnvironmentRecord> environments = new LinkedHashMap<>();
  private final List<ApprovalGate> gates = new ArrayList<>();
  private final List<AnalysisRecord> analysis = new ArrayList<>();
  private final BoundedList<TimelineEvent> timeline = new BoundedList<>(TIMELINE_FIRST, TIMELINE_RECENT,
      (dropped, last) -> new TimelineEvent(last.at(), "… " + dropped + " earlier event(s) not kept: the timeline keeps the first "
          + TIMELINE_FIRST + " and the most recent " + TIMELINE_RECENT + " …", null));
  private final BoundedList<RejectedMessage> rejectedMessages = new BoundedList<>(REJECTED_FIRST, REJECTED_RECENT,
      (dropped, last) -> new RejectedMessage(last.at(), "…", null, dropped + " refused message(s) not kept: the status"
          + " keeps the first " + REJECTED_FIRST + " and the most recent " + REJECTED_RECENT));
  private final List<ReleaseStatus.PhaseTransition> transitions = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final List<String> decidedBy = new ArrayList<>();
  private Supplier<List<ReleaseStatus.CompensationStatus>> compensations = List::of;
  private String currentEnvironment;
  private boolean paused;
  private final WaveRecords waves = new WaveRecords();

  ReleaseState(ReleaseRequest request, LongSupplier clock, Publisher publisher) {
    this.request = request;
    this.validRequest = request.problems().isEmpty();
    this.clock = clock;
    this.publisher = publisher;
    this.startedAt = now();
  }

  String now() {
    return Instant.ofEpochMilli(clock.getAsLong()).toString();
  }

  long nowMillis() {
    return clock.getAsLong();
  }

  String startedAt() {
    return startedAt;
  }

  /** The version this release deploys. */
  String version() {
    return request.version();
  }

  Phase phase() {
    return phase;
  }

  void phase(Phase phase) {
    this.phase = phase;
    publisher.publish(this);
  }

  /** Records a phase change as data, for the CLI's phase row (the timeline says it in words). */
  void transition(Phase from, Phase to, String event) {
    transitions.add(new ReleaseStatus.PhaseTransition(now(), from, to, event));
  }

  /** The run state a person sees: paused overrides running and waiting until the release is done. */
  RunState runState() {
    return paused && runState != RunState.DONE ? RunState.PAUSED : runState;
  }

  void paused(boolean paused) {
    this.paused = paused;
    publisher.publish(this);
  }

  String currentStep() {
    return currentStep;
  }

  /** Says what the release does now; {@code waiting} when it waits for a timer or a person. */
  void step(String step, RunState state) {
    this.currentStep = step;
    this.runState = state;
    publisher.publish(this);
  }

  void running(String step) {
    step(step, RunState.RUNNING);
  }

  void waiting(String step) {
    step(step, RunState.WAITING);
  }

  Outcome outcome() {
    return outcome;
  }

  String summary() {
    return summary;
  }

  /** Decides the outcome; the release still completes (notifications, release log) before it is done. */
  void outcome(Outcome outcome) {
    this.outcome = outcome;
    publisher.publish(this);
  }

  /** Ends the release: the outcome and a one-line summary. */
  void finish(Outcome outcome, String summary) {
    this.outcome = outcome;
    this.summary = summary;
    this.runState = RunState.DONE;
    this.currentStep = summary;
    publisher.publish(this);
  }

  /** Adds a line to the timeline. */
  void event(String event, String by) {
    timeline.add(new TimelineEvent(now(), event, by));
  }

  void event(String event) {
    event(event, null);
  }

  /** Records what failed, for the summary and the post-mortem. */
  void failure(String what) {
    failures.add(what);
    event(what);
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  /** Records who decided something about the release (approved, rejected, rolled back, promoted). */
  void decided(String by, String what) {
    decidedBy.add(by + ": " + what);
    event(what, by);
  }

  List<String> decidedBy() {
    return List.copyOf(decidedBy);
  }

  List<TimelineEvent> timeline() {
    return timeline.toList();
  }

  /** Lists a refused signal; a {@code by} that breaks the input rules is shown quoted and cut short. */
  void rejectMessage(String name, String by, String reason) {
    rejectedMessages.add(new RejectedMessage(now(), name, dev.deployflow.model.InputRules.displayName(by), reason));
  }

  /** The environment the release works in now: the latest one it touched. */
  String currentEnvironment() {
    return currentEnvironment;
  }

  /** The environment the release now works in; rollbacks of level code undo this one. */
  EnvironmentRecord enter(String name) {
    currentEnvironment = name;
    publisher.publish(this);
    return environment(name);
  }

  EnvironmentRecord environment(String name) {
    return environments.computeIfAbsent(name, EnvironmentRecord::new);
  }

  /** The production waves and their states ({@code status.waves}). */
  WaveRecords waves() {
    return waves;
  }

  /** Sets a wave's state, as people see it. */
  void wave(String environment, dev.deployflow.model.WaveState state) {
    waves.set(environment, state);
    publisher.publish(this);
  }

  /** The version production ran before this release, else the first one recorded anywhere. */
  String previousVersion() {
    List<EnvironmentRecord> order = new ArrayList<>(environments.values());
    java.util.Collections.reverse(order);
    for (EnvironmentRecord env : order) {
      String previous = env.previousVersion();
      if (previous != null) {
        return previous;
      }
    }
    return null;
  }

  void addGate(ApprovalGate gate) {
    gates.add(gate);
    publisher.publish(this);
  }

  /** The gate that waits for people now, or null. */
  ApprovalGate waitingGate() {
    for (ApprovalGate gate : gates) {
      if (gate.isWaiting()) {
        return gate;
      }
    }
    return null;
  }

  /** The latest gate of that name, or null. */
  ApprovalGate gate(String name) {
    ApprovalGate found = null;
    for (ApprovalGate gate : gates) {
      if (gate.name().equals(name)) {
        found = gate;
      }
    }
    return found;
  }

  List<String> approvedBy() {
    List<String> names = new ArrayList<>();
    for (ApprovalGate gate : gates) {
      gate.approvals().forEach(a -> names.add(a.by()));
    }
    return names;
  }

  /** Starts the record of one metric's analysis in one step. */
  AnalysisRecord analysis(String metric, String step) {
    AnalysisRecord record = new AnalysisRecord(metric, step);
    analysis.add(record);
    return record;
  }

  void compensations(Supplier<List<ReleaseStatus.CompensationStatus>> source) {
    this.compensations = source;
  }

  ReleaseStatus toStatus() {
    List<EnvironmentStatus> envs = environmentStatus();
    List<GateStatus> gateStatus = new ArrayList<>();
    gates.forEach(g -> gateStatus.add(g.toStatus()));
    List<AnalysisStatus> analysisStatus = new ArrayList<>();
    analysis.forEach(a -> analysisStatus.add(a.toStatus()));
    return new ReleaseStatus(
        shown(request.application()),
        shown(request.version()),
        shown(request.requestedBy()),
        phase,
        runState(),
        currentStep,
        outcome,
        previousVersion(),
        envs,
        List.copyOf(gateStatus),
        List.copyOf(analysisStatus),
        timeline.toList(),
        List.copyOf(compensations.get()),
        rejectedMessages.toList(),
        List.copyOf(transitions),
        timeline.dropped(),
        rejectedMessages.dropped(),
        waves.toStatus(environments::get));
  }

  /** The environments as the status shows them; a small read for the Temporal UI's details. */
  List<EnvironmentStatus> environmentStatus() {
    List<EnvironmentStatus> envs = new ArrayList<>();
    environments.values().forEach(e -> envs.add(e.toStatus()));
    return List.copyOf(envs);
  }

  /** The application as the status shows it. */
  String shownApplication() {
    return shown(request.application());
  }

  /** The version as the status shows it. */
  String shownVersion() {
    return shown(request.version());
  }

  /**
   * A request value as the status shows it: as given when the request is valid, quoted and cut
   * short when it is not (the run then fails at once), so that a 1 MB version is never echoed.
   */
  private String shown(String value) {
    return validRequest ? value : dev.deployflow.model.InputRules.quote(value);
  }

  /** One environment: per component, the version found before the release; the candidate's weight. */
  static final class EnvironmentRecord {
    private final String name;
    private final Map<String, String> previousByComponent = new LinkedHashMap<>();
    private final Map<String, String> deployedByComponent = new LinkedHashMap<>();
    private String version;
    private int weight;

    EnvironmentRecord(String name) {
      this.name = name;
    }

    void previous(String component, String version) {
      previousByComponent.put(component, version);
    }

    boolean knowsPrevious(String component) {
      return previousByComponent.containsKey(component);
    }

    String previous(String component) {
      return previousByComponent.get(component);
    }

    /** The version the first component ran before, as the environment's previous version. */
    String previousVersion() {
      for (String v : previousByComponent.values()) {
        if (v != null) {
          return v;
        }
      }
      return null;
    }

    /** Records what a deploy of one component set: the environment shows the latest deploy. */
    void deployed(String component, String version, int weight) {
      this.version = version;
      this.weight = weight;
      deployedByComponent.put(component, version + " at " + weight + "%");
    }

    /** The candidate's weight as the latest deploy set it. */
    int weight() {
      return weight;
    }

    /** The version the latest deploy set, or null before any. */
    String version() {
      return version;
    }

    /** What the component runs as this release last set it ({@code 1.2.0 at 10%}), or null before any deploy. */
    String deployedOf(String component) {
      return deployedByComponent.get(component);
    }

    EnvironmentStatus toStatus() {
      return new EnvironmentStatus(name, version, previousVersion(), weight);
    }
  }

  /** The measurements of one metric in one analysis run, and its verdict so far. */
  static final class AnalysisRecord {
    private final String metric;
    private final String step;
    private final List<MeasurementStatus> measurements = new ArrayList<>();
    private AnalysisState verdict = AnalysisState.RUNNING;

    AnalysisRecord(String metric, String step) {
      this.metric = metric;
      this.step = step;
    }

    void add(MeasurementStatus measurement) {
      measurements.add(measurement);
    }

    /** Shows these measurements instead (the stability monitor reports its latest few). */
    void replace(List<MeasurementStatus> latest) {
      measurements.clear();
      measurements.addAll(latest);
    }

    void verdict(AnalysisState verdict) {
      this.verdict = verdict;
    }

    /** The verdict of the analysis function, as the status shows it. */
    void verdict(dev.deployflow.analysis.AnalysisVerdict verdict) {
      this.verdict = verdict.shown();
    }

    AnalysisStatus toStatus() {
      return new AnalysisStatus(metric, step, List.copyOf(measurements), verdict);
    }
  }
}
