package dev.deployflow.api;

import dev.deployflow.model.Freeze;
import dev.deployflow.model.FreezeCalendarInput;
import dev.deployflow.model.FreezeMessage;
import dev.deployflow.model.FreezeWaiter;
import dev.deployflow.model.UnfreezeMessage;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Stop the line: the one durable freeze calendar of a namespace, workflow id
 * {@value #WORKFLOW_ID}, started on demand by the first {@code freeze}. Releases check it before
 * every production step, hold while a freeze applies to their application, register themselves
 * ({@code register}) and are woken ({@code freezeLifted}) when it lifts or expires.
 *
 * <p>{@code freeze} and {@code unfreeze} are each a signal and an update of the same name: the
 * update's validator refuses bad input at once, the signal lists nothing (the calendar has no
 * status to list it in) and is ignored when refused.
 */
@WorkflowInterface
public interface FreezeCalendarWorkflow {

  /** The workflow type name in Temporal. */
  String TYPE = "FreezeCalendarWorkflow";

  /** The one workflow id of the calendar. */
  String WORKFLOW_ID = "deployflow-freezes";

  @WorkflowMethod(name = TYPE)
  void run(FreezeCalendarInput input);

  /** The active freezes, oldest first. */
  @QueryMethod(name = "freezes")
  List<Freeze> freezes();

  @UpdateMethod(name = "freeze")
  Freeze freeze(FreezeMessage message);

  @UpdateValidatorMethod(updateName = "freeze")
  void validateFreeze(FreezeMessage message);

  @SignalMethod(name = "freeze")
  void freezeSignal(FreezeMessage message);

  @UpdateMethod(name = "unfreeze")
  Freeze unfreeze(UnfreezeMessage message);

  @UpdateValidatorMethod(updateName = "unfreeze")
  void validateUnfreeze(UnfreezeMessage message);

  @SignalMethod(name = "unfreeze")
  void unfreezeSignal(UnfreezeMessage message);

  /** A held release registers itself, to be woken when no freeze holds its application any more. */
  @SignalMethod(name = "register")
  void register(FreezeWaiter waiter);
}
