package dev.deployflow.workflow;

import dev.deployflow.api.FreezeCalendarWorkflow;
import dev.deployflow.model.Freeze;
import dev.deployflow.model.FreezeCalendarInput;
import dev.deployflow.model.FreezeWaiter;
import io.temporal.common.converter.RawValue;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * The worker's side of {@link FreezeCalendarWorkflow}: the same workflow type, query, signal and
 * update names, but {@code freeze} and {@code unfreeze} arrive as raw JSON and are decoded by the
 * calendar itself ({@link MessageDecoder}), strict about unknown fields. Clients keep using the
 * typed {@link FreezeCalendarWorkflow}; Temporal matches the two by name. Why: with the SDK's own
 * decoding an unknown field is ignored, so a freeze meant for one application whose list was
 * misspelt ({@code "apps": ["shop"]}) would have frozen every application; and an update that does
 * not decode would answer with a Jackson message instead of the field that was wrong.
 */
@WorkflowInterface
public interface FreezeCalendarHandlers {

  @WorkflowMethod(name = FreezeCalendarWorkflow.TYPE)
  void run(FreezeCalendarInput input);

  @QueryMethod(name = "freezes")
  List<Freeze> freezes();

  /** A new freeze (FreezeMessage). */
  @UpdateMethod(name = "freeze")
  Freeze freeze(RawValue message);

  @UpdateValidatorMethod(updateName = "freeze")
  void validateFreeze(RawValue message);

  @SignalMethod(name = "freeze")
  void freezeSignal(RawValue message);

  /** A freeze lifted (UnfreezeMessage). */
  @UpdateMethod(name = "unfreeze")
  Freeze unfreeze(RawValue message);

  @UpdateValidatorMethod(updateName = "unfreeze")
  void validateUnfreeze(RawValue message);

  @SignalMethod(name = "unfreeze")
  void unfreezeSignal(RawValue message);

  /** A held release registers itself; only releases send it, typed. */
  @SignalMethod(name = "register")
  void register(FreezeWaiter waiter);
}
