package dev.deployflow.worker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.deployflow.client.MessageRefusedException;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.client.ReleaseConflictException;
import dev.deployflow.client.ReleaseNotFoundException;
import dev.deployflow.client.StartedRelease;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.worker.Statuses;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the REST API maps the release client's answers and refusals to HTTP: 202 on start, 409 for
 * a release in flight, 404 for none, 422 for a message the workflow refused, 400 for a bad body
 * (naming the field), 503 when Temporal is unreachable.
 */
class ReleaseControllerTest {
  private static final JsonMapper JSON =
      ApiJson.configure(JsonMapper.builder())
          // What Spring Boot adds: problem properties at the top level.
          .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
          .build();

  private final ReleaseClient releases = mock(ReleaseClient.class);
  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(new ReleaseController(releases, JSON))
          .setControllerAdvice(new ApiErrorHandler())
          .setMessageConverters(
              new JacksonJsonHttpMessageConverter(JSON))
          .build();

  @Test
  void startAnswers202WithTheWorkflowId() throws Exception {
    ReleaseRequest request =
        new ReleaseRequest("shop-api", "1.2.0", null, null, null, "alice", null, null);
    when(releases.start(any()))
        .thenReturn(new StartedRelease("deploy-shop-api", "run-1", request.withDefaults()));

    mvc.perform(
            post("/api/releases")
                .principal(caller("alice"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"application\":\"shop-api\",\"version\":\"1.2.0\",\"requestedBy\":\"alice\","
                        + "\"kind\":\"HOTFIX\",\"changes\":[\"fix\"]}"))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/api/releases/shop-api"))
        .andExpect(jsonPath("$.workflowId").value("deploy-shop-api"))
        .andExpect(jsonPath("$.runId").value("run-1"))
        .andExpect(jsonPath("$.version").value("1.2.0"));

    ArgumentCaptor<ReleaseRequest> sent = ArgumentCaptor.forClass(ReleaseRequest.class);
    verify(releases).start(sent.capture());
    assertThat(sent.getValue().kind())
        .isEqualTo(ReleaseKind.HOTFIX);
    assertThat(sent.getValue().changes()).containsExactly("fix");
  }

  @Test
  void aSecondStartIs409NamingTheRunningVersionAndPhase() throws Exception {
    when(releases.start(any()))
        .thenThrow(
            new ReleaseConflictException(
                "shop-api",
                "deploy-shop-api",
                "shop-api already has a release in flight: 1.1.0 in phase approval"));

    mvc.perform(
            post("/api/releases")
                .principal(caller("alice"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"application\":\"shop-api\",\"version\":\"1.2.0\"}"))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.detail")
                .value("shop-api already has a release in flight: 1.1.0 in phase approval"));
  }

  @Test
  void anInvalidStartIs400WithTheProblemsBeforeTemporalIsCalled() throws Exception {
    mvc.perform(
            post("/api/releases")
                .principal(caller("alice"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"application\":\"shop-api\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("invalid release request: version: is required"));
    verifyNoInteractions(releases);
  }

  @Test
  void aBadEnumValueIs400NamingTheField() throws Exception {
    mvc.perform(
            post("/api/releases")
                .principal(caller("alice"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"application\":\"shop-api\",\"version\":\"1.2.0\",\"kind\":\"weekly\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("kind: must be one of standard, hotfix"));
  }

  @Test
  void anUnreachableTemporalIs503AndAccessRefusedToTheWorkerIs502() throws Exception {
    when(releases.status("down"))
        .thenThrow(new dev.deployflow.client.TemporalUnavailableException(
            "127.0.0.1:7233", "connection refused", new RuntimeException()));
    when(releases.status("locked"))
        .thenThrow(new dev.deployflow.client.TemporalAccessDeniedException(
            "127.0.0.1:7233", "missing API key", new RuntimeException()));
    when(releases.status("broken"))
        .thenThrow(new dev.deployflow.client.TemporalRequestFailedException(
            "namespace rate limit", new RuntimeException()));

    mvc.perform(get("/api/releases/down"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.title").value("Temporal unavailable"))
        .andExpect(jsonPath("$.detail").value("Temporal did not answer; try again in a moment"));
    mvc.perform(get("/api/releases/locked"))
        .andExpect(status().isBadGateway())
        .andExpect(jsonPath("$.title").value("Temporal refused access"))
        .andExpect(jsonPath("$.detail").value(
            "Temporal refused the worker's credentials; the worker's operator must fix its Temporal configuration"));
    mvc.perform(get("/api/releases/broken"))
        .andExpect(status().isBadGateway())
        .andExpect(jsonPath("$.detail").value("Temporal refused the request: namespace rate limit"));
  }

  @Test
  void statusIs404WhenThereIsNoRelease() throws Exception {
    when(releases.status("nothing"))
        .thenThrow(
            new ReleaseNotFoundException("nothing", "deploy-nothing", new RuntimeException()));

    mvc.perform(get("/api/releases/nothing"))
        .andExpect(status().isNotFound())
        .andExpect(
            jsonPath("$.detail").value("no release of nothing found (workflow id deploy-nothing)"));
  }

  @Test
  void statusIsTheQueryAnswer() throws Exception {
    when(releases.status("shop-api")).thenReturn(Statuses.waitingForApproval());

    mvc.perform(get("/api/releases/shop-api"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.phase").value("approval"))
        .andExpect(jsonPath("$.state").value("waiting"))
        .andExpect(jsonPath("$.gates[0].approvers[1]").value("carol"));
  }

  @Test
  void anAcceptedApprovalAnswersTheNewStatus() throws Exception {
    when(releases.approve(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());

    mvc.perform(
            post("/api/releases/shop-api/approve")
                .principal(caller("bob"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"by\":\"bob\",\"comment\":\"ship it\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.phase").value("production_rollout"));

    verify(releases).approve("shop-api", new ApproveMessage("bob", null, "ship it"));
  }

  @Test
  void aRefusedMessageIs422WithTheValidatorsWords() throws Exception {
    when(releases.approve(eq("shop-api"), any()))
        .thenThrow(
            new MessageRefusedException(
                "approve", "alice requested this release and may not approve it", null));

    mvc.perform(
            post("/api/releases/shop-api/approve")
                .principal(caller("alice"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"by\":\"alice\"}"))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.detail").value("alice requested this release and may not approve it"))
        .andExpect(jsonPath("$.refusedMessage").value("approve"));
  }

  @Test
  void rollbackAndPromoteBodiesAreReadAsTheContractSays() throws Exception {
    when(releases.rollback(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());
    when(releases.promote(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());

    mvc.perform(
            post("/api/releases/shop-api/rollback")
                .principal(caller("bob"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"by\":\"bob\",\"reason\":\"errors\",\"level\":\"FULL\"}"))
        .andExpect(status().isOk());
    mvc.perform(
            post("/api/releases/shop-api/promote")
                .principal(caller("bob"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"by\":\"bob\"}"))
        .andExpect(status().isOk());

    verify(releases).rollback("shop-api", new RollbackMessage("bob", "errors", RollbackLevel.FULL));
    verify(releases).promote("shop-api", new PromoteMessage("bob", false));
  }

  @Test
  void aPromoteForEveryWaveCarriesAllWaves() throws Exception {
    when(releases.promote(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());
    mvc.perform(
            post("/api/releases/shop-api/promote")
                .principal(caller("bob"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"by\":\"bob\",\"full\":true,\"allWaves\":true}"))
        .andExpect(status().isOk());
    verify(releases).promote("shop-api", new PromoteMessage("bob", true, true));
  }

  /** The authenticated caller, as Spring Security hands it to the controller. */
  private static java.security.Principal caller(String identity) {
    return () -> identity;
  }
}
