package dev.deployflow.workflow;

import dev.deployflow.model.Freeze;
import dev.deployflow.model.FreezeCalendarInput;
import dev.deployflow.model.FreezeLifted;
import dev.deployflow.model.FreezeMessage;
import dev.deployflow.model.FreezeWaiter;
import dev.deployflow.model.InputRules;
import dev.deployflow.model.UnfreezeMessage;
import io.temporal.common.converter.RawValue;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The freeze calendar (stop the line). It keeps the active freezes and the releases they hold,
 * expires freezes at their {@code until} on a timer, and wakes every held release whose
 * application no freeze holds any more with the signal {@code freezeLifted}. It lives as long as
 * the namespace, so its history is kept short: after {@link #DEFAULT_MAX_MESSAGES} messages (or
 * when Temporal suggests it) it continues as new, handing on its freezes and waiters.
 *
 * <p>A waiter that registers after its freeze was lifted (the release checked, then the freeze
 * went, then its registration came) is woken at once: every change ends with the same sweep
 * ({@link #wakeUnfrozen}), so no release is left waiting for a freeze that is gone.
 */
public class FreezeCalendarWorkflowImpl implements FreezeCalendarHandlers {
  /** After how many messages a run continues as new when its input says nothing else. */
  static final int DEFAULT_MAX_MESSAGES = 500;
  /** A second bound on the history, whatever the messages: timers and wake-ups count too. */
  static final int MAX_HISTORY_EVENTS = 5_000;
  /** The most freezes active at once; the calendar's state stays small. */
  static final int MAX_FREEZES = 100;

  private static final Logger log = Workflow.getLogger(FreezeCalendarWorkflowImpl.class);

  private final Map<String, Freeze> freezes = new LinkedHashMap<>();
  private final Map<String, FreezeWaiter> waiters = new LinkedHashMap<>();
  private final int maxMessages;
  private final List<Promise<Void>> wakeUps = new ArrayList<>();
  private long nextId;
  private int messages;
  private boolean changed;
  private final List<String> lifted = new ArrayList<>();

  @WorkflowInit
  public FreezeCalendarWorkflowImpl(FreezeCalendarInput input) {
    FreezeCalendarInput given = input == null ? FreezeCalendarInput.empty() : input;
    given.freezes().forEach(f -> freezes.put(f.id(), f));
    given.waiters().forEach(w -> waiters.put(w.workflowId(), w));
    this.nextId = Math.max(1, given.nextId());
    this.maxMessages = given.maxMessages() > 0 ? given.maxMessages() : DEFAULT_MAX_MESSAGES;
  }

  @Override
  public void run(FreezeCalendarInput ignored) {
    while (true) {
      expire();
      wakeUnfrozen();
      if (messages >= maxMessages || Workflow.getInfo().getHistoryLength() > MAX_HISTORY_EVENTS
          || Workflow.getInfo().isContinueAsNewSuggested()) {
        continueAsNew();
        return;
      }
      changed = false;
      Instant next = nextExpiry();
      if (next == null) {
        Workflow.await(() -> changed);
      } else {
        Duration left = Duration.ofMillis(Math.max(1, next.toEpochMilli() - Workflow.currentTimeMillis()));
        Waits.until(left, "freeze expires at " + next, () -> changed);
      }
    }
  }

  @Override
  public List<Freeze> freezes() {
    return List.copyOf(freezes.values());
  }

  // ---- freeze --------------------------------------------------------------------------------

  @Override
  public void validateFreeze(RawValue json) {
    MessageDecoder.Decoded<FreezeMessage> decoded = MessageDecoder.decode("freeze", json, FreezeMessage.class);
    refuseIfSo(decoded.problem() != null ? decoded.problem() : refuseFreeze(decoded.message()));
  }

  @Override
  public Freeze freeze(RawValue json) {
    MessageDecoder.Decoded<FreezeMessage> decoded = MessageDecoder.decode("freeze", json, FreezeMessage.class);
    FreezeMessage message = decoded.message();
    // The validator refused an undecodable one already; a replay of an old history may still bring one here.
    String refused = decoded.problem() != null ? decoded.problem() : refuseFreeze(message);
    if (refused != null) {
      throw ApplicationFailure.newNonRetryableFailure(refused, "MessageRefused");
    }
    return place(message);
  }

  @Override
  public void freezeSignal(RawValue json) {
    MessageDecoder.Decoded<FreezeMessage> decoded = MessageDecoder.decode("freeze", json, FreezeMessage.class);
    FreezeMessage message = decoded.message();
    String refused = decoded.problem() != null ? decoded.problem() : refuseFreeze(message);
    if (refused != null) {
      log.warn("freeze signal refused: {}", refused);
      counted();
      return;
    }
    place(message);
  }

  private String refuseFreeze(FreezeMessage m) {
    if (m == null) {
      return "a message is required: one JSON object such as {\"by\":\"carol\",\"reason\":\"holiday code freeze\"}";
    }
    List<String> problems = m.problems();
    if (!problems.isEmpty()) {
      return String.join("; ", problems);
    }
    if (m.until() != null && !Instant.parse(m.until()).isAfter(Instant.ofEpochMilli(Workflow.currentTimeMillis()))) {
      return "until: " + m.until() + " is in the past (now is " + Instant.ofEpochMilli(Workflow.currentTimeMillis())
          + "); a freeze must end in the future, or leave out until to freeze until unfrozen";
    }
    if (freezes.size() >= MAX_FREEZES) {
      return "already " + MAX_FREEZES + " freezes are active; lift one (deployflow unfreeze ID) before placing another";
    }
    return null;
  }

  private Freeze place(FreezeMessage m) {
    String id = "freeze-" + nextId++;
    Freeze freeze = new Freeze(id, m.by(), m.reason(), Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString(),
        m.until() == null ? null : Instant.parse(m.until()).toString(), m.applications());
    freezes.put(id, freeze);
    counted();
    return freeze;
  }

  // ---- unfreeze ------------------------------------------------------------------------------

  @Override
  public void validateUnfreeze(RawValue json) {
    MessageDecoder.Decoded<UnfreezeMessage> decoded = MessageDecoder.decode("unfreeze", json, UnfreezeMessage.class);
    refuseIfSo(decoded.problem() != null ? decoded.problem() : refuseUnfreeze(decoded.message()));
  }

  @Override
  public Freeze unfreeze(RawValue json) {
    MessageDecoder.Decoded<UnfreezeMessage> decoded = MessageDecoder.decode("unfreeze", json, UnfreezeMessage.class);
    UnfreezeMessage message = decoded.message();
    String refused = decoded.problem() != null ? decoded.problem() : refuseUnfreeze(message);
    if (refused != null) {
      throw ApplicationFailure.newNonRetryableFailure(refused, "MessageRefused");
    }
    return lift(message);
  }

  @Override
  public void unfreezeSignal(RawValue json) {
    MessageDecoder.Decoded<UnfreezeMessage> decoded = MessageDecoder.decode("unfreeze", json, UnfreezeMessage.class);
    UnfreezeMessage message = decoded.message();
    String refused = decoded.problem() != null ? decoded.problem() : refuseUnfreeze(message);
    if (refused != null) {
      log.warn("unfreeze signal refused: {}", refused);
      counted();
      return;
    }
    lift(message);
  }

  private String refuseUnfreeze(UnfreezeMessage m) {
    if (m == null) {
      return "a message is required: one JSON object such as {\"by\":\"carol\",\"id\":\"freeze-1\"}";
    }
    List<String> problems = m.problems();
    if (!problems.isEmpty()) {
      return String.join("; ", problems);
    }
    if (!freezes.containsKey(m.id())) {
      return "there is no active freeze " + InputRules.quote(m.id()) + "; active: "
          + (freezes.isEmpty() ? "none" : String.join(", ", freezes.keySet()));
    }
    return null;
  }

  private Freeze lift(UnfreezeMessage m) {
    Freeze freeze = freezes.remove(m.id());
    lifted.add(m.id() + " lifted by " + m.by());
    counted();
    return freeze;
  }

  // ---- waiters -------------------------------------------------------------------------------

  @Override
  public void register(FreezeWaiter waiter) {
    if (waiter == null || waiter.workflowId() == null || waiter.application() == null) {
      log.warn("register signal without workflowId or application ignored");
      return;
    }
    waiters.put(waiter.workflowId(), waiter);
    counted();
  }

  /** Wakes every waiter whose application no freeze holds any more, and forgets it. */
  private void wakeUnfrozen() {
    String why = lifted.isEmpty() ? "no freeze holds it any more" : String.join("; ", lifted);
    lifted.clear();
    List<FreezeWaiter> free = waiters.values().stream()
        .filter(w -> freezes.values().stream().noneMatch(f -> f.appliesTo(w.application())))
        .toList();
    for (FreezeWaiter waiter : free) {
      waiters.remove(waiter.workflowId());
      // A release that ended meanwhile cannot be signalled; that failure is expected and harmless.
      wakeUps.add(Async.procedure(() -> Workflow.newUntypedExternalWorkflowStub(waiter.workflowId())
          .signal("freezeLifted", new FreezeLifted(why))).exceptionally(e -> null));
    }
  }

  private void expire() {
    long now = Workflow.currentTimeMillis();
    List<Freeze> expired = freezes.values().stream()
        .filter(f -> f.until() != null && Instant.parse(f.until()).toEpochMilli() <= now)
        .toList();
    for (Freeze f : expired) {
      freezes.remove(f.id());
      lifted.add(f.id() + " expired at " + f.until());
    }
  }

  private Instant nextExpiry() {
    return freezes.values().stream()
        .filter(f -> f.until() != null)
        .map(f -> Instant.parse(f.until()))
        .min(Instant::compareTo)
        .orElse(null);
  }

  private void continueAsNew() {
    // The wake-ups already sent must be delivered, and an update still answering must answer,
    // before this run hands over to the next.
    Promise.allOf(wakeUps).get();
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(new FreezeCalendarInput(List.copyOf(freezes.values()), List.copyOf(waiters.values()),
        nextId, maxMessages));
  }

  private void counted() {
    messages++;
    changed = true;
  }

  private static void refuseIfSo(String refusal) {
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
  }
}
