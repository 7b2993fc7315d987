package dev.deployflow.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.worker.RunningWorker;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/freezes} on the real worker: the calendar over HTTP with the token rules of every endpoint. */
class FreezeApiTest {
  @TempDir static Path baseDir;
  private static RunningWorker worker;

  @BeforeAll
  static void start() {
    worker = RunningWorker.start(baseDir);
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void freezesArePlacedListedAndLiftedByOperatorsOnly() {
    assertThat(worker.get("/api/freezes").body()).isEqualTo("[]");
    String alice = RunningWorker.OPERATORS.get(0);

    assertThat(worker.postJson("/api/freezes", "{\"reason\":\"x\"}", RunningWorker.VIEWER).statusCode()).isEqualTo(403);
    assertThat(worker.postJson("/api/freezes", "{\"by\":\"mallory\",\"reason\":\"x\"}", alice).statusCode()).isEqualTo(403);
    HttpResponse<String> past = worker.postJson("/api/freezes", "{\"reason\":\"x\",\"until\":\"2020-01-01T00:00:00Z\"}", alice);
    assertThat(past.statusCode()).isEqualTo(422);
    assertThat(past.body()).contains("is in the past");

    HttpResponse<String> placed = worker.postJson("/api/freezes",
        "{\"reason\":\"holiday code freeze\",\"applications\":[\"shop-api\"]}", alice);
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    assertThat(placed.body()).contains("\"id\":\"freeze-1\"", "\"by\":\"" + alice + "\"", "\"applications\":[\"shop-api\"]");
    assertThat(worker.get("/api/freezes").body()).contains("\"id\":\"freeze-1\"", "holiday code freeze");

    assertThat(delete("/api/freezes/freeze-1", RunningWorker.VIEWER).statusCode()).isEqualTo(403);
    assertThat(delete("/api/freezes/freeze-9", alice).statusCode()).isEqualTo(422);
    HttpResponse<String> lifted = delete("/api/freezes/freeze-1", alice);
    assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(200);
    assertThat(worker.get("/api/freezes").body()).isEqualTo("[]");
  }

  @Test
  void theWorkersMapperRefusesAMisspeltFieldOrAWrongTypeRatherThanFreezingEverything() {
    String alice = RunningWorker.OPERATORS.get(0);

    HttpResponse<String> misspelt = worker.postJson("/api/freezes", "{\"reason\":\"x\",\"apps\":[\"shop-api\"]}", alice);
    assertThat(misspelt.statusCode()).as(misspelt.body()).isEqualTo(400);
    assertThat(misspelt.body()).contains("apps: is unknown", "\"field\":\"apps\"");
    HttpResponse<String> wrongType = worker.postJson("/api/freezes", "{\"reason\":true}", alice);
    assertThat(wrongType.statusCode()).as(wrongType.body()).isEqualTo(400);
    assertThat(wrongType.body()).contains("reason: must be a string, not a boolean");
    assertThat(worker.get("/api/freezes").body()).isEqualTo("[]");
  }

  private static HttpResponse<String> delete(String path, String identity) {
    return worker.send(HttpRequest.newBuilder(worker.uri(path))
        .header("Authorization", "Bearer " + RunningWorker.tokenOf(identity))
        .DELETE());
  }
}
