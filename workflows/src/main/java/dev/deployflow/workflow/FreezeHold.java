package dev.deployflow.workflow;

import dev.deployflow.model.BreakGlassMessage;
import dev.deployflow.model.Freeze;
import dev.deployflow.model.FreezeLifted;
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.pipeline.FreezeSpec;
import dev.deployflow.pipeline.Permissions.Action;
import dev.deployflow.plan.PipelineFreeze;
import dev.deployflow.plan.WindowDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Stop the line, on the release's side: before each production step the release asks the freeze
 * calendar ({@link DeployHold}'s check) which freezes hold its application; while some do, it waits durably
 * (state {@code waiting}, its step naming the freeze), registered with the calendar, until the
 * calendar's {@code freezeLifted} signal wakes it, then it asks again. No polling: the only timer
 * is a long fallback ({@link #FALLBACK}, or the freeze's {@code until} when sooner), in case a
 * wake-up was lost (a calendar terminated by hand, say).
 *
 * <p>{@code breakGlass} lets a hotfix pass the freezes that hold it at that moment, the calendar's
 * and the production environment's own ({@code environments[].freezes}) alike; a freeze placed or
 * starting later holds it again. Only a production approver may send it ({@link Action#BREAK_GLASS}).
 * A hotfix therefore judges its environment's freezes itself, at the release's time (pure: instants
 * from the recorded pipeline), to know which of them hold it now; a standard release, which no
 * breakGlass passes, leaves them to the deploy check like a closed window.
 */
final class FreezeHold {
  /** The longest wait between two checks while held: a safety net, not a poll. */
  static final Duration FALLBACK = Duration.ofHours(4);

  private final ReleaseRequest request;
  private final ReleaseState state;
  private final Operator operator;
  private final Authority authority;
  private final Set<String> passed = new LinkedHashSet<>();
  /** The environments' own freezes that breakGlass passed, by environment: a declaration holds only there. */
  private final Map<String, Set<PipelineFreeze>> passedPipeline = new LinkedHashMap<>();
  private List<Freeze> holding = List.of();
  private List<PipelineFreeze> holdingPipeline = List.of();
  private String heldEnvironment;
  /** How many deploy checks have been answered, so that a breakGlass update knows when the release acted. */
  private int checks;
  private int wakeUps;
  /**
   * Who broke the glass since the last check was answered, or null: it ends the release's wait, and
   * until the release checks again, what held it is passed already, so a second breakGlass would
   * only record the same again.
   */
  private String brokenBy;
  /** Whether the last check found the release held, and what it announced then. */
  private boolean held;
  private String announced;

  FreezeHold(ReleaseRequest request, ReleaseState state, Operator operator, Authority authority) {
    this.request = request;
    this.state = state;
    this.operator = operator;
    this.authority = authority;
  }

  /**
   * What the deploy check judges of an environment's own freezes, and which of them hold a hotfix.
   *
   * @param holding those that hold the hotfix now and breakGlass has not passed; always empty for
   *     a standard release
   * @param judged the declarations the deploy check judges: every one for a standard release, those
   *     not passed for a hotfix
   * @param changes when {@code holding} changes next (the earliest end of one of them, or start of
   *     another judged one), or null when it never does
   */
  record PipelineFreezes(List<PipelineFreeze> holding, List<FreezeSpec> judged, Instant changes) {}

  /** Splits the environment's own freezes at the release's time {@code now}, see {@link PipelineFreezes}. */
  PipelineFreezes pipelineFreezes(Environment environment, Instant now) {
    List<FreezeSpec> declared = environment.freezes() == null ? List.of() : environment.freezes();
    if (request.kind() != ReleaseKind.HOTFIX) {
      return new PipelineFreezes(List.of(), declared, null);
    }
    Set<PipelineFreeze> passedHere = passedPipeline.getOrDefault(environment.name(), Set.of());
    List<PipelineFreeze> holdingNow = new ArrayList<>();
    List<FreezeSpec> judged = new ArrayList<>();
    Instant changes = null;
    for (FreezeSpec spec : declared) {
      PipelineFreeze freeze = PipelineFreeze.parse(spec);
      if (passedHere.contains(freeze)) {
        continue;
      }
      judged.add(spec);
      Instant change = null;
      if (freeze.covers(now)) {
        if (!holdingNow.contains(freeze)) {
          holdingNow.add(freeze);
        }
        change = freeze.to();
      } else if (freeze.from().isAfter(now)) {
        change = freeze.from();
      }
      if (change != null && (changes == null || change.isBefore(changes))) {
        changes = change;
      }
    }
    return new PipelineFreezes(List.copyOf(holdingNow), List.copyOf(judged), changes);
  }

  /**
   * Given the calendar's active freezes for the application (from the deploy check) and the
   * environment's own that hold a hotfix now, waits once while those that breakGlass has not passed
   * hold the release: until the calendar wakes it, the glass is broken, the environment's freezes
   * change, or the fallback passes. The caller then checks again.
   *
   * @param pipeline the environment's own freezes at the time of the check
   * @param window the check's decision, which names the environment's freezes that close it
   * @param seen the wake-ups counted before the check was sent ({@link #wakeUps()}), so that a
   *     freeze lifted while the check ran is not waited for
   * @param environment the production environment, for the step
   * @param before what the release does once it may, for the step
   * @return whether it waited (the caller asks again: time has passed)
   */
  boolean waitWhileHeld(List<Freeze> active, PipelineFreezes pipeline, WindowDecision window, int seen,
      String environment, String before) {
    checks++;
    brokenBy = null;
    holding = active.stream().filter(f -> !passed.contains(f.id())).toList();
    holdingPipeline = pipeline.holding();
    heldEnvironment = environment;
    if (holding.isEmpty() && holdingPipeline.isEmpty()) {
      if (held) {
        held = false;
        announced = null;
        operator.release();
        state.event("no freeze holds " + request.application() + " any more; " + before + " goes ahead");
      }
      return false;
    }
    held = true;
    // The decision names the environment's freeze that holds longest and what holds after it.
    List<String> reasons = new ArrayList<>();
    if (!holdingPipeline.isEmpty()) {
      reasons.add(window.reason());
    }
    if (!holding.isEmpty()) {
      reasons.add("held by " + describe(holding));
    }
    String reason = String.join("; ", reasons);
    if (!reason.equals(announced)) {
      state.event(holdingPipeline.isEmpty() ? reason : "held for " + environment + ": " + reason);
      announced = reason;
    }
    operator.hold(Operator.Hold.DEPLOY_WINDOW, reason);
    state.waiting("waiting to deploy to " + environment + ": " + reason
        + (request.kind() == ReleaseKind.HOTFIX ? "; a production approver may send breakGlass" : ""));
    String summary = holding.isEmpty()
        ? environment + "'s " + holdingPipeline.get(0).describe() + ": wait until " + pipeline.changes() + " or breakGlass"
        : "freeze " + holding.get(0).id() + ": wait to be woken when it lifts";
    Waits.until(wait(pipeline.changes()), summary, () -> wakeUps != seen || brokenBy != null);
    return true;
  }

  /** How many wake-ups the calendar has sent so far. */
  int wakeUps() {
    return wakeUps;
  }

  /** The latest check did not find the release held by a freeze (its window was closed). */
  void notHeld() {
    checks++;
    brokenBy = null;
    holding = List.of();
    holdingPipeline = List.of();
  }

  /** The calendar's wake-up: the release asks the calendar again. */
  void woken(FreezeLifted message) {
    wakeUps++;
  }

  // ---- breakGlass ----------------------------------------------------------------------------

  /** Input rules, then the sender (a production approver), then the release: a hotfix held by a freeze. */
  String refuseBreakGlass(BreakGlassMessage m) {
    if (m == null) {
      return "a message is required: one JSON object such as {\"by\":\"bob\",\"reason\":\"…\"}";
    }
    List<String> problems = m.problems();
    if (!problems.isEmpty()) {
      return String.join("; ", problems);
    }
    String sender = authority.refuse(Action.BREAK_GLASS, m.by(), "break the glass for");
    if (sender != null) {
      return sender;
    }
    if (request.kind() != ReleaseKind.HOTFIX) {
      return "breakGlass is only for hotfixes: " + request.application() + " " + request.version()
          + " is a " + request.kind().json() + " release and waits until the freeze lifts";
    }
    if (operator.rollbackRequested()) {
      return "a rollback is under way; breakGlass no longer applies";
    }
    if (brokenBy != null) {
      return brokenBy + " broke the glass already; " + request.application() + " " + request.version()
          + " checks again whether a freeze still holds it";
    }
    if ((holding.isEmpty() && holdingPipeline.isEmpty()) || operator.hold() != Operator.Hold.DEPLOY_WINDOW) {
      return "no freeze holds " + request.application() + " " + request.version() + " now; breakGlass passes"
          + " the freezes that hold a hotfix";
    }
    return null;
  }

  /**
   * Passes the freezes that hold the hotfix now, the calendar's and the environment's own, recorded
   * in the timeline and among the decisions. The release has acted once it checked again: it then
   * goes ahead, or is held by what still holds it (a closed window, a freeze placed since).
   */
  Supplier<Boolean> breakGlass(BreakGlassMessage m) {
    List<Freeze> broken = holding;
    List<PipelineFreeze> brokenPipeline = holdingPipeline;
    broken.forEach(f -> passed.add(f.id()));
    if (!brokenPipeline.isEmpty()) {
      passedPipeline.computeIfAbsent(heldEnvironment, e -> new LinkedHashSet<>()).addAll(brokenPipeline);
    }
    brokenBy = m.by();
    List<String> passes = new ArrayList<>();
    if (!brokenPipeline.isEmpty()) {
      passes.add(heldEnvironment + "'s " + String.join(", ", brokenPipeline.stream().map(PipelineFreeze::describe).toList()));
    }
    if (!broken.isEmpty()) {
      passes.add(describe(broken));
    }
    state.decided(m.by(), "broke the glass: the hotfix passes " + String.join(" and ", passes) + ": " + m.reason());
    int answered = checks;
    return () -> checks != answered || operator.hold() != Operator.Hold.DEPLOY_WINDOW;
  }

  /**
   * How long to wait before checking again: until the environment's freezes change, and while the
   * calendar's hold, no longer than the fallback or the end of the first of them to expire.
   */
  private Duration wait(Instant pipelineChanges) {
    long now = state.nowMillis();
    Duration wait = holding.isEmpty() ? null : calendarFallback(now);
    if (pipelineChanges != null) {
      Duration left = Duration.ofMillis(pipelineChanges.toEpochMilli() - now);
      if (wait == null || left.compareTo(wait) < 0) {
        wait = left;
      }
    }
    if (wait == null) {
      wait = FALLBACK;
    }
    return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
  }

  private Duration calendarFallback(long now) {
    Duration wait = FALLBACK;
    for (Freeze f : holding) {
      if (f.until() != null) {
        // A second past its end: the calendar has expired it by then.
        Duration left = Duration.ofMillis(Instant.parse(f.until()).toEpochMilli() - now).plusSeconds(1);
        if (left.compareTo(wait) < 0) {
          wait = left;
        }
      }
    }
    return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
  }

  private static String describe(List<Freeze> freezes) {
    List<String> each = freezes.stream().map(Freeze::describe).toList();
    return (freezes.size() == 1 ? "freeze " : "freezes ") + String.join("; ", each);
  }
}
