package dev.deployflow.plan;

import static dev.deployflow.pipeline.PipelineSamples.REMOVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.pipeline.Component;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.pipeline.PipelineSamples;
import dev.deployflow.pipeline.RolloutStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a release does, derived from the CONTRACT.md pipeline and variations of it. */
class ReleasePlanTest {

  private static ReleaseRequest request(ReleaseKind kind) {
    return new ReleaseRequest("shop-api", "1.2.0", null, kind, null, "alice", null, null);
  }

  private static List<String> names(List<Environment> environments) {
    return environments.stream().map(Environment::name).toList();
  }

  private static List<Integer> weights(ReleasePlan plan) {
    return plan.rollout().stream().map(RolloutStep::weight).toList();
  }

  private static Pipeline shopApiWith(String... pointerAndJson) {
    var tree = PipelineSamples.shopApiTree();
    for (int i = 0; i < pointerAndJson.length; i += 2) {
      PipelineSamples.with(tree, pointerAndJson[i], pointerAndJson[i + 1]);
    }
    return PipelineSamples.read(tree);
  }

  @Test
  void aStandardReleaseDeploysToStagingThenRollsOutProductionInItsSteps() {
    Pipeline pipeline = PipelineSamples.shopApi();

    ReleasePlan plan = ReleasePlan.of(pipeline, request(ReleaseKind.STANDARD));

    assertThat(plan.components()).extracting(Component::name).containsExactly("api", "web");
    assertThat(names(plan.stages())).containsExactly("staging");
    assertThat(plan.production().name()).isEqualTo("production");
    assertThat(names(plan.allEnvironments())).containsExactly("staging", "production");
    assertThat(weights(plan)).containsExactly(10, 50, 100);
    assertThat(plan.rollout().get(0).pause()).isEqualTo("10m");
    assertThat(plan.approval().approvers()).containsExactly("bob", "carol");
    assertThat(plan.gated()).isTrue();
    assertThat(plan.requiresRollbackPlan()).isFalse();
    assertThat(plan.analysisNames()).containsExactly("error-rate", "latency-p99");
  }

  @Test
  void aRequestWithoutKindIsStandard() {
    Pipeline pipeline = PipelineSamples.shopApi();

    assertThat(ReleasePlan.of(pipeline, request(null))).isEqualTo(ReleasePlan.of(pipeline, request(ReleaseKind.STANDARD)));
    assertThat(ReleasePlan.of(pipeline, null)).isEqualTo(ReleasePlan.of(pipeline, request(ReleaseKind.STANDARD)));
  }

  @Test
  void aHotfixTakesThePipelinesFastTrack() {
    Pipeline pipeline = shopApiWith(
        "/hotfix", "{\"skipStaging\": true, \"rollout\": [{\"weight\": 50, \"analysis\": [\"latency-p99\"]}, {\"weight\": 100}]}");

    ReleasePlan plan = ReleasePlan.of(pipeline, request(ReleaseKind.HOTFIX));

    assertThat(plan.stages()).isEmpty();
    assertThat(names(plan.allEnvironments())).containsExactly("production");
    assertThat(weights(plan)).containsExactly(50, 100);
    assertThat(plan.approval()).isEqualTo(pipeline.environment("production").approval());
    assertThat(plan.analysisNames()).containsExactly("latency-p99", "error-rate");
  }

  @Test
  void aHotfixKeepsStagingUnlessThePipelineSkipsIt() {
    ReleasePlan plan = ReleasePlan.of(PipelineSamples.shopApi(), request(ReleaseKind.HOTFIX));

    assertThat(names(plan.stages())).containsExactly("staging");
    assertThat(weights(plan)).containsExactly(100);
    assertThat(plan.analysisNames()).containsExactly("error-rate");
  }

  @Test
  void aHotfixWithoutOverridesIsPlannedLikeAStandardRelease() {
    Pipeline noHotfixSection = shopApiWith("/hotfix", REMOVE);
    Pipeline emptyHotfixRollout = shopApiWith("/hotfix/rollout", "[]");

    ReleasePlan standard = ReleasePlan.of(noHotfixSection, request(ReleaseKind.STANDARD));

    assertThat(ReleasePlan.of(noHotfixSection, request(ReleaseKind.HOTFIX))).isEqualTo(standard);
    assertThat(ReleasePlan.of(emptyHotfixRollout, request(ReleaseKind.HOTFIX))).isEqualTo(standard);
  }

  @Test
  void aStandardReleaseIgnoresTheHotfixSection() {
    Pipeline pipeline = shopApiWith("/hotfix/skipStaging", "true");

    ReleasePlan plan = ReleasePlan.of(pipeline, request(ReleaseKind.STANDARD));

    assertThat(names(plan.stages())).containsExactly("staging");
    assertThat(weights(plan)).containsExactly(10, 50, 100);
  }

  @Test
  void aPipelineWithOneEnvironmentHasNoStages() {
    Pipeline pipeline = shopApiWith("/environments/0", REMOVE);

    ReleasePlan plan = ReleasePlan.of(pipeline, request(ReleaseKind.STANDARD));

    assertThat(plan.stages()).isEmpty();
    assertThat(plan.production().name()).isEqualTo("production");
  }

  @Test
  void everyEnvironmentBeforeTheLastIsAStageInPipelineOrder() {
    Pipeline pipeline = shopApiWith("/environments/2", "{\"name\": \"prod\"}");

    ReleasePlan plan = ReleasePlan.of(pipeline, request(ReleaseKind.STANDARD));

    assertThat(names(plan.stages())).containsExactly("staging", "production");
    assertThat(plan.production().name()).isEqualTo("prod");
    assertThat(names(plan.allEnvironments())).containsExactly("staging", "production", "prod");
  }

  @Test
  void productionWithoutRolloutApprovalOrStabilityTakesTheDefaults() {
    Pipeline pipeline = shopApiWith(
        "/environments/1/rollout", REMOVE,
        "/environments/1/approval", REMOVE,
        "/environments/1/stability", REMOVE,
        "/hotfix", REMOVE);

    ReleasePlan plan = ReleasePlan.of(pipeline, request(ReleaseKind.STANDARD));

    assertThat(plan.rollout()).containsExactly(ReleasePlan.FULL_ROLLOUT);
    assertThat(plan.approval()).isNull();
    assertThat(plan.gated()).isFalse();
    assertThat(plan.analysisNames()).isEmpty();
    assertThat(ReleasePlan.of(pipeline, request(ReleaseKind.HOTFIX)).rollout()).containsExactly(ReleasePlan.FULL_ROLLOUT);
  }

  @Test
  void aRolloutEndingBelowFullGetsAFinalStepAtFull() {
    Pipeline pipeline = shopApiWith("/environments/1/rollout/2", REMOVE);

    assertThat(weights(ReleasePlan.of(pipeline, request(ReleaseKind.STANDARD)))).containsExactly(10, 50, 100);
    assertThat(pipeline.environment("production").rollout()).hasSize(2);
  }

  @Test
  void followsThePipelineOnRollbackPlans() {
    Pipeline pipeline = shopApiWith("/requireRollbackPlan", "true");

    assertThat(ReleasePlan.of(pipeline, request(ReleaseKind.STANDARD)).requiresRollbackPlan()).isTrue();
  }

  @Test
  void refusesAPipelineWithoutEnvironments() {
    Pipeline pipeline = shopApiWith("/environments", "[]");

    assertThatThrownBy(() -> ReleasePlan.of(pipeline, request(ReleaseKind.STANDARD)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("environments:");
  }

  @Test
  void survivesTemporalsDataConverterUnchanged() {
    ReleasePlan plan = ReleasePlan.of(PipelineSamples.shopApi(), request(ReleaseKind.HOTFIX));
    var converter = io.temporal.common.converter.DefaultDataConverter.newDefaultInstance();

    var payload = converter.toPayload(plan).orElseThrow();

    assertThat(converter.fromPayload(payload, ReleasePlan.class, ReleasePlan.class)).isEqualTo(plan);
    assertThat(payload.getData().toStringUtf8()).doesNotContain("allEnvironments", "analysisNames");
  }

  @Test
  void cannotBeChangedAfterItIsMade() {
    ReleasePlan plan = ReleasePlan.of(PipelineSamples.shopApi(), request(ReleaseKind.STANDARD));

    assertThatThrownBy(() -> plan.stages().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> plan.rollout().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> plan.allEnvironments().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
