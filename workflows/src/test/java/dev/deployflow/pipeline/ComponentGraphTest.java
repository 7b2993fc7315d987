package dev.deployflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.plan.ReleasePlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code dependsOn}: the layers components deploy in, and the validation of the graph (unknown
 * names, a component depending on itself, duplicates and cycles, each at its path).
 */
class ComponentGraphTest {

  /** The CONTRACT.md pipeline with a third component, worker, and the given dependsOn per component. */
  private static Pipeline pipeline(String apiDependsOn, String webDependsOn, String workerDependsOn) {
    ObjectNode tree = PipelineSamples.shopApiTree();
    PipelineSamples.with(tree, "/components/2", "{\"name\":\"worker\",\"kind\":\"backend\","
        + "\"deploy\":{\"command\":[\"./ci/deploy.sh\",\"worker\",\"${environment}\",\"${version}\"]}}");
    dependsOn(tree, 0, apiDependsOn);
    dependsOn(tree, 1, webDependsOn);
    dependsOn(tree, 2, workerDependsOn);
    return PipelineSamples.read(tree);
  }

  private static void dependsOn(ObjectNode tree, int index, String json) {
    if (json != null) {
      PipelineSamples.with(tree, "/components/" + index + "/dependsOn", json);
    }
  }

  private static List<List<String>> layerNames(Pipeline pipeline) {
    return ComponentGraph.layers(pipeline.components()).stream()
        .map(layer -> layer.stream().map(Component::name).toList()).toList();
  }

  @Test
  void withoutDependsOnEveryComponentIsALayerOfItsOwnInPipelineOrder() {
    Pipeline pipeline = pipeline(null, null, null);

    assertThat(PipelineValidator.validate(pipeline)).isEmpty();
    assertThat(ComponentGraph.declared(pipeline.components())).isFalse();
    assertThat(layerNames(pipeline)).containsExactly(List.of("api"), List.of("web"), List.of("worker"));
  }

  @Test
  void webAndWorkerThatDependOnApiFormOneLayerAfterIt() {
    Pipeline pipeline = pipeline(null, "[\"api\"]", "[\"api\"]");

    assertThat(PipelineValidator.validate(pipeline)).isEmpty();
    assertThat(layerNames(pipeline)).containsExactly(List.of("api"), List.of("web", "worker"));
    ReleasePlan plan = ReleasePlan.of(pipeline,
        new ReleaseRequest("shop-api", "1.2.0", null, null, null, "alice", null, null));
    assertThat(plan.graph()).isTrue();
    assertThat(plan.components()).extracting(Component::name).containsExactly("api", "web", "worker");
  }

  @Test
  void componentsWithoutDependsOnAreRootsAndTheOrderFollowsTheGraphNotTheFile() {
    // api depends on worker, which is listed after it; web says nothing and is a root.
    Pipeline pipeline = pipeline("[\"worker\"]", null, "[]");

    assertThat(PipelineValidator.validate(pipeline)).isEmpty();
    assertThat(layerNames(pipeline)).containsExactly(List.of("web", "worker"), List.of("api"));
    assertThat(ComponentGraph.ordered(pipeline.components())).extracting(Component::name)
        .containsExactly("web", "worker", "api");
  }

  @Test
  void aLayerIsOneMoreThanTheDeepestDependency() {
    // worker depends on api and on web, web on api: three layers, one component each.
    Pipeline pipeline = pipeline(null, "[\"api\"]", "[\"api\", \"web\"]");

    assertThat(PipelineValidator.validate(pipeline)).isEmpty();
    assertThat(layerNames(pipeline)).containsExactly(List.of("api"), List.of("web"), List.of("worker"));
  }

  @Test
  void aCycleIsRefusedAtTheEntryThatClosesItWithTheCycle() {
    Pipeline pipeline = pipeline(null, "[\"worker\"]", "[\"web\"]");

    assertThat(PipelineValidator.validate(pipeline)).containsExactly("components[2].dependsOn[0]: cycle web -> worker -> web");
    assertThatThrownBy(() -> ComponentGraph.layers(pipeline.components()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle");
  }

  @Test
  void aLongerCycleNamesEveryComponentOnIt() {
    Pipeline pipeline = pipeline("[\"worker\"]", "[\"api\"]", "[\"web\"]");

    assertThat(PipelineValidator.validate(pipeline))
        .containsExactly("components[1].dependsOn[0]: cycle api -> worker -> web -> api");
  }

  @Test
  void anUnknownNameIsRefusedWithItsPathAndTheKnownNames() {
    Pipeline pipeline = pipeline(null, "[\"api\", \"db\"]", null);

    assertThat(PipelineValidator.validate(pipeline))
        .containsExactly("components[1].dependsOn[1]: 'db' is not a component of this pipeline; known: api, web, worker");
  }

  @Test
  void aSelfDependencyADuplicateAndABlankEntryAreRefused() {
    Pipeline pipeline = pipeline("[\"api\"]", "[\"api\", \"api\"]", "[\"\"]");

    assertThat(PipelineValidator.validate(pipeline)).containsExactly(
        "components[0].dependsOn[0]: 'api' cannot depend on itself",
        "components[1].dependsOn[1]: 'api' is listed twice",
        "components[2].dependsOn[0]: must name a component");
  }
}
