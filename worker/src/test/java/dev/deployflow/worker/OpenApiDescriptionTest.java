package dev.deployflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API description a running worker serves: every route of deployflow's controllers (read
 * from Spring's own handler mapping, so a new route cannot be forgotten) is in it with its
 * method, names a security scheme that the description defines, and lists the error answers the
 * security chain and the error handler give. The description and the Swagger UI need no token.
 */
class OpenApiDescriptionTest {
  @TempDir static Path baseDir;

  private static RunningWorker worker;
  private static JsonNode description;

  @BeforeAll
  static void start() {
    worker = RunningWorker.start(baseDir);
    HttpResponse<String> answer = worker.send(HttpRequest.newBuilder(worker.uri("/v3/api-docs")).GET());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    description = JsonMapper.builder().build().readTree(answer.body());
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
  }

  /** Every (method, path) that a deployflow controller maps. */
  private static List<String[]> controllerRoutes() {
    RequestMappingHandlerMapping mapping =
        worker.context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    List<String[]> routes = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
      if (!entry.getValue().getBeanType().getPackageName().startsWith("dev.deployflow")) {
        continue;
      }
      Set<String> patterns = entry.getKey().getPatternValues();
      Set<org.springframework.web.bind.annotation.RequestMethod> methods =
          entry.getKey().getMethodsCondition().getMethods();
      assertThat(methods).as("route %s names its method", patterns).isNotEmpty();
      for (String pattern : patterns) {
        methods.forEach(m -> routes.add(new String[] {m.name().toLowerCase(Locale.ROOT), pattern}));
      }
    }
    return routes;
  }

  @Test
  void everyControllerRouteIsDescribedWithItsMethodAndASecurityScheme() {
    List<String[]> routes = controllerRoutes();
    // The release API and the chat endpoint at least; more routes only add to this.
    assertThat(routes).extracting(r -> r[0] + " " + r[1])
        .contains("post /api/releases", "get /api/releases/{application}",
            "post /api/releases/{application}/approve", "post /api/chat/slack");
    JsonNode schemes = description.path("components").path("securitySchemes");
    assertThat(schemes.path("bearerToken").path("scheme").asString()).isEqualTo("bearer");
    for (String[] route : routes) {
      String method = route[0];
      String path = route[1];
      JsonNode operation = description.path("paths").path(path).path(method);
      assertThat(operation.isObject()).as("%s %s is in /v3/api-docs", method, path).isTrue();
      JsonNode security = operation.path("security");
      assertThat(security.isArray() && !security.isEmpty()).as("%s %s names a security scheme", method, path).isTrue();
      security.forEach(requirement -> requirement.propertyNames().forEach(name ->
          assertThat(schemes.has(name)).as("%s %s: scheme %s is defined", method, path, name).isTrue()));
      JsonNode responses = operation.path("responses");
      assertThat(responses.has("401")).as("%s %s lists 401", method, path).isTrue();
      if (!path.equals("/api/chat/slack")) {
        assertThat(operation.path("x-deployflow-role").asString())
            .as("%s %s names its role", method, path)
            .isEqualTo(method.equals("get") ? "viewer" : "operator");
        assertThat(responses.has("403") && responses.has("503") && responses.has("400"))
            .as("%s %s lists 400, 403 and 503", method, path).isTrue();
        if (!method.equals("get")) {
          assertThat(responses.has("413")).as("%s %s lists 413", method, path).isTrue();
        }
      }
    }
  }

  @Test
  void bodiesAndRefusalsOfTheReleaseRoutesAreDescribed() {
    JsonNode start = description.path("paths").path("/api/releases").path("post");
    assertThat(start.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asString())
        .isEqualTo("#/components/schemas/ReleaseRequest");
    assertThat(start.path("responses").propertyNames()).contains("202", "409").doesNotContain("200");
    JsonNode approve = description.path("paths").path("/api/releases/{application}/approve").path("post");
    assertThat(approve.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asString())
        .isEqualTo("#/components/schemas/ApproveMessage");
    assertThat(approve.path("responses").propertyNames()).contains("200", "404", "422");
    JsonNode schemas = description.path("components").path("schemas");
    assertThat(schemas.path("ApproveMessage").path("properties").propertyNames()).contains("by", "gate", "comment");
    assertThat(schemas.path("ReleaseRequest").path("properties").propertyNames()).contains("application", "version");
    assertThat(schemas.path("Problem").path("properties").propertyNames()).contains("status", "detail");
  }

  @Test
  void theSwaggerUiAnswersWithoutAToken() {
    HttpResponse<String> ui = worker.send(HttpRequest.newBuilder(worker.uri("/swagger-ui/index.html")).GET());
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).contains("swagger-ui");
    // The API itself still wants its token.
    HttpResponse<String> api = worker.send(HttpRequest.newBuilder(worker.uri("/api/releases/demo-shop")).GET());
    assertThat(api.statusCode()).isEqualTo(401);
  }
}
