package dev.deployflow.workflow;

import dev.deployflow.model.BreakGlassMessage;
import dev.deployflow.model.Freeze;
import dev.deployflow.model.FreezeLifted;
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.pipeline.Permissions.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
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
 * <p>{@code breakGlass} lets a hotfix pass the freezes that hold it at that moment; a freeze placed
 * later holds it again. Only a production approver may send it ({@link Action#BREAK_GLASS}).
 */
final class FreezeHold {
  /** The longest wait between two checks while held: a safety net, not a poll. */
  static final Duration FALLBACK = Duration.ofHours(4);

  private final ReleaseRequest request;
  private final ReleaseState state;
  private final Operator operator;
  private final Authority authority;
  private final Set<String> passed = new LinkedHashSet<>();
  private List<Freeze> holding = List.of();
  private int wakeUps;
  private boolean glassBroken;
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
   * Given the calendar's active freezes for the application (from the deploy check), waits once
   * while those that breakGlass has not passed hold the release: until the calendar wakes it, the
   * glass is broken, or the fallback passes. The caller then checks again.
   *
   * @param seen the wake-ups counted before the check was sent ({@link #wakeUps()}), so that a
   *     freeze lifted while the check ran is not waited for
   * @param environment the production environment, for the step
   * @param before what the release does once it may, for the step
   * @return whether it waited (the caller asks again: time has passed)
   */
  boolean waitWhileHeld(List<Freeze> active, int seen, String environment, String before) {
    holding = active.stream().filter(f -> !passed.contains(f.id())).toList();
    if (holding.isEmpty()) {
      if (held) {
        held = false;
        announced = null;
        operator.release();
        state.event("no freeze holds " + request.application() + " any more; " + before + " goes ahead");
      }
      return false;
    }
    held = true;
    String describe = describe(holding);
    if (!describe.equals(announced)) {
      state.event("held by " + describe);
      announced = describe;
    }
    operator.hold(Operator.Hold.DEPLOY_WINDOW, "held by " + describe);
    state.waiting("waiting to deploy to " + environment + ": held by " + describe
        + (request.kind() == ReleaseKind.HOTFIX ? "; a production approver may send breakGlass" : ""));
    Waits.until(fallback(), "freeze " + holding.get(0).id() + ": wait to be woken when it lifts",
        () -> wakeUps != seen || glassBroken);
    glassBroken = false;
    return true;
  }

  /** How many wake-ups the calendar has sent so far. */
  int wakeUps() {
    return wakeUps;
  }

  /** The latest check did not find the release held by the calendar (its window was closed). */
  void notHeld() {
    holding = List.of();
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
    if (holding.isEmpty() || operator.hold() != Operator.Hold.DEPLOY_WINDOW) {
      return "no freeze holds " + request.application() + " " + request.version() + " now; breakGlass passes"
          + " the freezes that hold a hotfix";
    }
    return null;
  }

  /** Passes the freezes that hold the hotfix now, recorded in the timeline and among the decisions. */
  Supplier<Boolean> breakGlass(BreakGlassMessage m) {
    List<Freeze> broken = holding;
    broken.forEach(f -> passed.add(f.id()));
    glassBroken = true;
    state.decided(m.by(), "broke the glass: the hotfix passes " + describe(broken) + ": " + m.reason());
    return () -> operator.hold() != Operator.Hold.DEPLOY_WINDOW;
  }

  private Duration fallback() {
    long now = state.nowMillis();
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
