package dev.deployflow.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.worker.RunningWorker;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History and DORA over REST on the embedded Java test server, which has no visibility store: 501
 * saying so. The listing itself is tested on the real dev server (module e2e).
 */
class ReleaseHistoryApiTest {
  @TempDir static Path baseDir;
  private static RunningWorker worker;

  @BeforeAll
  static void start() throws IOException {
    Files.createDirectories(baseDir.resolve("pipelines"));
    worker = RunningWorker.start(baseDir);
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void historyAndDoraSayThatThisServerHasNoVisibilityStore() {
    HttpResponse<String> history = worker.get("/api/releases/shop-api/history?limit=5");
    assertThat(history.statusCode()).isEqualTo(501);
    assertThat(history.body()).contains("No visibility store").contains("Java test server");
    HttpResponse<String> dora = worker.get("/api/releases/shop-api/dora?since=7d");
    assertThat(dora.statusCode()).isEqualTo(501);
  }

  @Test
  void badParametersAreRefusedNamingThem() {
    assertThat(worker.get("/api/releases/shop-api/dora?since=soon").body()).contains("since: 'soon'");
    assertThat(worker.get("/api/releases/shop-api/dora?since=soon").statusCode()).isEqualTo(400);
    assertThat(worker.get("/api/releases/shop-api/history?limit=0").statusCode()).isEqualTo(400);
  }
}
