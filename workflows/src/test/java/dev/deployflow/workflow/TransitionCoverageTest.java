package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.workflow.support.TransitionRecorder;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Fails when a transition of {@link ReleaseStateMachine}'s table was never taken by a release in
 * the workflow tests. It runs after every other test class of the module (see
 * {@code junit-platform.properties}), reading what {@link TransitionRecorder} collected from the
 * timelines of finished releases; run alone it fails, because nothing was collected.
 */
@Order(Integer.MAX_VALUE)
class TransitionCoverageTest {

  @Test
  void everyTransitionOfTheTableIsExercisedByTheWorkflowTests() {
    System.out.println("phase transitions exercised: " + TransitionRecorder.seen().size() + " of "
        + ReleaseStateMachine.TRANSITIONS.size());
    assertThat(TransitionRecorder.missing())
        .as("transitions no workflow test exercised (run the whole module's tests: coverage is collected across them)")
        .isEmpty();
  }

  @Test
  void theTableRefusesWhatItDoesNotHold() {
    ReleaseStateMachine machine = new ReleaseStateMachine(t -> { });
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> machine.fire(ReleaseEvent.ROLLED_BACK))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no transition from phase preparation on rolled back");
    assertThat(ReleaseStateMachine.next(dev.deployflow.model.Phase.COMPLETION, ReleaseEvent.ROLLBACK_REQUESTED)).isNull();
    for (ReleaseStateMachine.Transition t : ReleaseStateMachine.TRANSITIONS) {
      assertThat(ReleaseStateMachine.Transition.parse(t.describe())).isEqualTo(t);
    }
  }
}
