package dev.deployflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.plan.ReleasePlan;
import dev.deployflow.plan.Wave;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code role: production} (issue 13): which environments are production waves, and the rules
 * that keep them last. The CONTRACT.md pipeline has staging and production; the tests add a third
 * environment, {@code production-eu}, and set roles.
 */
class RoleRulesTest {
  private static final String EU = "{\"name\": \"production-eu\", \"role\": \"production\","
      + " \"rollout\": [{\"weight\": 50}, {\"weight\": 100}], \"stability\": {\"duration\": \"1h\"}}";

  /** The CONTRACT.md pipeline with each (pointer, json) pair applied in turn. */
  private static Pipeline with(String... pointersAndValues) {
    com.fasterxml.jackson.databind.node.ObjectNode tree = PipelineSamples.shopApiTree();
    for (int i = 0; i < pointersAndValues.length; i += 2) {
      tree = PipelineSamples.with(tree, pointersAndValues[i], pointersAndValues[i + 1]);
    }
    return PipelineSamples.read(tree);
  }

  @Test
  void twoProductionEnvironmentsAreTwoWavesInPipelineOrderAfterTheStages() {
    Pipeline pipeline = with("/environments/1/role", "\"production\"", "/environments/2", EU);
    assertThat(PipelineValidator.validate(pipeline)).isEmpty();
    ReleasePlan plan = ReleasePlan.of(pipeline, null);
    assertThat(plan.stages()).extracting(Environment::name).containsExactly("staging");
    assertThat(plan.waves()).extracting(Wave::number, Wave::name, Wave::followsApprovalOf)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "production", null),
            org.assertj.core.groups.Tuple.tuple(2, "production-eu", "production"));
    assertThat(plan.waves().get(1).rollout()).extracting(RolloutStep::weight).containsExactly(50, 100);
    assertThat(plan.waves().get(1).approval()).isNull();
    assertThat(plan.production().name()).isEqualTo("production");
    assertThat(plan.allEnvironments()).extracting(Environment::name).containsExactly("staging", "production", "production-eu");
  }

  @Test
  void withoutAnyRoleTheLastEnvironmentIsTheOnlyWave() {
    ReleasePlan plan = ReleasePlan.of(PipelineSamples.shopApi(), null);
    assertThat(plan.waves()).extracting(Wave::name).containsExactly("production");
    assertThat(plan.stages()).extracting(Environment::name).containsExactly("staging");
  }

  @Test
  void anUnknownRoleIsNamedWithItsPath() {
    assertThat(PipelineValidator.validate(with("/environments/1/role", "\"prod\"")))
        .contains("environments[1].role: must be production (or left out for a pre-production environment), was 'prod'");
  }

  @Test
  void aPreProductionEnvironmentAfterTheFirstWaveIsRefused() {
    // production says the role, production-eu after it does not.
    List<String> problems = PipelineValidator.validate(with("/environments/1/role", "\"production\"",
        "/environments/2", "{\"name\": \"production-eu\"}"));
    assertThat(problems).containsExactly("environments[2].role: must be production: it comes after the first production"
        + " wave environments[1], and pre-production environments come before every wave");
  }

  @Test
  void onceRolesAreUsedAnEnvironmentWithoutOneIsPreProductionAndMayNotRollOutInSteps() {
    // Only production-eu says the role: production (with its rollout and stability window) is now pre-production.
    List<String> problems = PipelineValidator.validate(with("/environments/2", EU));
    assertThat(problems).contains(
        "environments[1].rollout: only production environments (role: production) roll out in steps;"
            + " pre-production environments are deployed at 100%",
        "environments[1].stability: only production environments (role: production) hold a stability window");
    assertThat(problems).noneMatch(p -> p.startsWith("environments[2]"));
  }

  @Test
  void rolesWithoutAnyProductionEnvironmentAreRefused() {
    List<String> problems = PipelineValidator.validate(with("/environments/0/role", "\"staging\"",
        "/environments/1/rollout", PipelineSamples.REMOVE, "/environments/1/stability", PipelineSamples.REMOVE));
    assertThat(problems).contains(
        "environments[0].role: must be production (or left out for a pre-production environment), was 'staging'",
        "environments: no environment says role: production; once roles are used, the production waves are the"
            + " environments that say it");
  }
}
