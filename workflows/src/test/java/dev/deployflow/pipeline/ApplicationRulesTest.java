package dev.deployflow.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.model.ReleaseRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which applications a pipeline serves, and the rules for the people it names. */
class ApplicationRulesTest {

  private static ReleaseRequest release(String application, String pipeline) {
    return new ReleaseRequest(application, "1.2.0", pipeline, null, null, "alice", null, null);
  }

  @Test
  void aPipelineOfOneApplicationServesOnlyThatOne() {
    Pipeline shop = PipelineSamples.shopApi();
    assertThat(PipelineValidator.validate(shop, release("shop-api", null))).isEmpty();
    assertThat(PipelineValidator.validate(shop, release("billing", "shop-api"))).containsExactly(
        "application: pipeline 'shop-api' serves shop-api, not billing; a release of billing needs a pipeline that"
            + " names it in application or applications");
  }

  @Test
  void applicationsShareOnePipeline() {
    Pipeline shared = PipelineSamples.shopApiWith("/application", PipelineSamples.REMOVE);
    shared = new Pipeline(null, shared.requireRollbackPlan(), shared.components(), shared.environments(),
        shared.analysis(), shared.notifications(), shared.rollback(), shared.hotfix(), null, List.of("shop-api", "shop-web"));
    assertThat(PipelineValidator.validate(shared, release("shop-web", "shop-api"))).isEmpty();
    assertThat(PipelineValidator.validate(shared, release("billing", "shop-api"))).containsExactly(
        "applications: pipeline 'shop-api' serves shop-api, shop-web, not billing; a release of billing needs a"
            + " pipeline that names it in application or applications");
  }

  @Test
  void applicationsAndOperatorsAreChecked() {
    assertThat(PipelineValidator.validate(PipelineSamples.shopApiWith("/applications", "[\"a\"]")))
        .containsExactly("applications: give application or applications, not both");
    Pipeline sharedBadly = PipelineSamples.shopApiWith("/application", PipelineSamples.REMOVE);
    sharedBadly = new Pipeline(null, null, sharedBadly.components(), sharedBadly.environments(), sharedBadly.analysis(),
        sharedBadly.notifications(), sharedBadly.rollback(), sharedBadly.hotfix(), null, List.of("ok", "Not OK", "ok"));
    assertThat(PipelineValidator.validate(sharedBadly)).containsExactly(
        "applications[1]: 'Not OK' must match [a-z0-9][a-z0-9-]{0,62}",
        "applications[2]: 'ok' is listed twice");
    assertThat(PipelineValidator.validate(PipelineSamples.shopApiWith("/operators", "[\"dave\", \"dave\", \"eve smith\", \"\"]")))
        .containsExactly(
            "operators[1]: 'dave' is listed twice; one person counts once",
            "operators[2]: 'eve smith' must match [A-Za-z0-9][A-Za-z0-9._@-]{0,63} (the rule of by, which is checked against it)",
            "operators[3]: must not be blank");
    assertThat(PipelineValidator.validate(PipelineSamples.shopApiWith("/environments/1/approval/approvers/0", "\"bob\\u001b\"")))
        .containsExactly("environments[1].approval.approvers[0]: 'bob\\u001b' must match [A-Za-z0-9][A-Za-z0-9._@-]{0,63}"
            + " (the rule of by, which is checked against it)");
    assertThat(PipelineValidator.validate(PipelineSamples.shopApiWith("/operators", "[\"dave\"]"))).isEmpty();
  }

  @Test
  void operatorsAndApplicationsReadFromTheFileAndSurviveHistory() throws Exception {
    ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    Pipeline read = PipelineSamples.shopApiWith("/operators", "[\"dave\"]");
    assertThat(read.operators()).containsExactly("dave");
    String json = strict.writeValueAsString(read);
    assertThat(json).doesNotContain("\"production\":{").contains("\"operators\":[\"dave\"]");
    assertThat(strict.readValue(json, Pipeline.class)).isEqualTo(read);
  }
}
