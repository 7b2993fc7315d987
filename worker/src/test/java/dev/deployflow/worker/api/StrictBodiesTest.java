package dev.deployflow.worker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Freeze;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.UnfreezeMessage;
import dev.deployflow.worker.Statuses;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every JSON body of the API is read as strictly as the release reads a message over Temporal: an
 * unknown field or a value of the wrong JSON type is 400 naming the field, before Temporal is
 * called, where Jackson would have ignored the field or converted the value.
 */
class StrictBodiesTest {
  private static final JsonMapper JSON =
      ApiJson.configure(JsonMapper.builder())
          .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
          .build();

  private final ReleaseClient releases = mock(ReleaseClient.class);
  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(
              new ReleaseController(releases, JSON), new FreezeController(releases, JSON))
          .setControllerAdvice(new ApiErrorHandler())
          .setMessageConverters(new JacksonJsonHttpMessageConverter(JSON))
          .build();

  @Test
  void aMisspelledRollbackLevelIsRefusedNotACodeRollback() throws Exception {
    refused(post("/api/releases/shop-api/rollback"), "{\"by\":\"bob\",\"levl\":\"full\"}")
        .andExpect(jsonPath("$.detail").value("levl: is unknown; this body takes by, level, reason"))
        .andExpect(jsonPath("$.field").value("levl"))
        .andExpect(jsonPath("$.title").value("Invalid request"));
  }

  @Test
  void aFreezeWhoseApplicationsAreMisspeltIsRefusedNotAFreezeOfEverything() throws Exception {
    refused(post("/api/freezes"), "{\"by\":\"bob\",\"reason\":\"x\",\"apps\":[\"shop\"]}")
        .andExpect(jsonPath("$.detail").value("apps: is unknown; this body takes applications, by, reason, until"));
  }

  @Test
  void theSpeakerFieldOfAnotherBodyIsUnknownWhileAForeignSpeakerIsStill403() throws Exception {
    refused(post("/api/releases"), "{\"application\":\"shop-api\",\"version\":\"1.2.0\",\"by\":\"bob\"}")
        .andExpect(jsonPath("$.field").value("by"));
    refused(post("/api/releases/shop-api/approve"), "{\"requestedBy\":\"bob\"}")
        .andExpect(jsonPath("$.detail").value("requestedBy: is unknown; this body takes by, comment, gate"));

    // CONTRACT.md: a body whose by or requestedBy differs from the token's identity is 403.
    mvc.perform(post("/api/releases").principal(caller("bob")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"application\":\"shop-api\",\"version\":\"1.2.0\",\"requestedBy\":\"mallory\"}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.field").value("requestedBy"));
    mvc.perform(post("/api/releases/shop-api/rollback").principal(caller("bob")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"by\":\"mallory\",\"level\":\"full\"}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.field").value("by"));
    verifyNoInteractions(releases);
  }

  @Test
  void aWrongJsonTypeIsRefusedNamingTheFieldWhileMissingOrNullOptionalFieldsStillDo() throws Exception {
    refused(post("/api/releases/shop-api/promote"), "{\"full\":1}")
        .andExpect(jsonPath("$.detail").value("full: must be true or false, not a number"));
    refused(post("/api/releases/shop-api/promote"), "{\"full\":\"true\"}")
        .andExpect(jsonPath("$.detail").value("full: must be true or false, not a string"));
    refused(post("/api/releases/shop-api/approve"), "{\"comment\":true}")
        .andExpect(jsonPath("$.detail").value("comment: must be a string, not a boolean"));
    refused(post("/api/releases/shop-api/approve"), "{\"by\":42}")
        .andExpect(jsonPath("$.detail").value("by: must be a string, not a number"));
    refused(post("/api/releases"), "{\"application\":\"shop-api\",\"version\":1.2}")
        .andExpect(jsonPath("$.detail").value("version: must be a string, not a decimal number"));
    refused(post("/api/releases/shop-api/rollback"), "{\"level\":1}")
        .andExpect(jsonPath("$.detail").value("level: must be one of config, code, full"));
    refused(post("/api/freezes"), "{\"reason\":\"x\",\"applications\":[\"shop\",7]}")
        .andExpect(jsonPath("$.detail").value("applications[1]: must be a string, not a number"))
        .andExpect(jsonPath("$.field").value("applications[1]"));

    // What stays accepted: a missing or null optional field, and an enum value in any case.
    when(releases.promote(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());
    when(releases.approve(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());
    when(releases.rollback(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());
    accepted(post("/api/releases/shop-api/promote"), "{}");
    accepted(post("/api/releases/shop-api/promote"), "{\"full\":null,\"allWaves\":null}");
    accepted(post("/api/releases/shop-api/approve"), "{\"by\":null,\"gate\":null,\"comment\":null}");
    accepted(post("/api/releases/shop-api/rollback"), "{\"level\":\"Config\"}");
    verify(releases, times(2)).promote("shop-api", new PromoteMessage("bob", false));
    verify(releases).approve("shop-api", new ApproveMessage("bob", null, null));
    verify(releases).rollback("shop-api", new RollbackMessage("bob", null, RollbackLevel.CONFIG));
  }

  @Test
  void anUnfreezeBodyTakesOnlyTheSpeaker() throws Exception {
    refused(delete("/api/freezes/freeze-1"), "{\"id\":\"freeze-2\"}")
        .andExpect(jsonPath("$.field").value("id"));
    refused(delete("/api/freezes/freeze-1"), "{\"reason\":\"done\"}")
        .andExpect(jsonPath("$.detail").value("reason: is unknown; this body takes by, id"));

    when(releases.unfreeze(any())).thenReturn(new Freeze("freeze-1", "bob", "x", null, null, null));
    mvc.perform(delete("/api/freezes/freeze-1").principal(caller("bob")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"by\":\"bob\"}"))
        .andExpect(status().isOk());
    verify(releases).unfreeze(new UnfreezeMessage("bob", "freeze-1"));
  }

  @Test
  void theApiMapperRefusesAStringOrDecimalWhereAWholeNumberIsExpected() {
    // No body of today has a whole-number field; the rule is the mapper's, for the next one.
    for (String body : new String[] {"{\"count\":\"3\"}", "{\"count\":2.5}", "{\"count\":true}"}) {
      MismatchedInputException refused = catchThrowableOfType(MismatchedInputException.class,
          () -> JSON.readValue(body, Counted.class));
      assertThat(refused).as(body).isNotNull();
      assertThat(BodyFieldException.of(refused, JSON.readTree(body)).getMessage())
          .as(body).startsWith("count: must be a whole number, not ");
    }
    assertThat(JSON.readValue("{\"count\":3}", Counted.class).count()).isEqualTo(3);
  }

  record Counted(int count) {}

  private ResultActions refused(
      org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String body)
      throws Exception {
    ResultActions result = mvc.perform(
            request.principal(caller("bob")).contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isBadRequest());
    verifyNoInteractions(releases);
    return result;
  }

  private void accepted(
      org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String body)
      throws Exception {
    mvc.perform(request.principal(caller("bob")).contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isOk());
  }

  private static java.security.Principal caller(String identity) {
    return () -> identity;
  }
}
