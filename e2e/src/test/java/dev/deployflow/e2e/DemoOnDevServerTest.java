package dev.deployflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.client.StartedRelease;
import dev.deployflow.demo.DemoStack;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.worker.config.DeployflowProperties.EmbeddedKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo's stack on the Temporal CLI's dev server, as {@code ./deployflow demo} runs it when
 * the CLI is installed: the worker's embedded Temporal is the dev server, its UI answers, and the
 * link the demo prints after each release opens that release's run; closing the stack stops the
 * dev server.
 */
class DemoOnDevServerTest {

  @Test
  void theDemoStackRunsOnTheDevServerAndLinksEachReleaseToItsUiPage() throws Exception {
    int[] ports = Ports.free(2);
    Path workDir = E2ePaths.targetDir("demo-on-dev-server");
    DemoStack.Settings settings =
        new DemoStack.Settings(
            E2ePaths.pipelinesDir(),
            workDir,
            ports[0],
            workDir.resolve("var/demo/worker.log"),
            EmbeddedKind.DEV_SERVER,
            ports[1]);
    try (DemoStack stack = DemoStack.start(settings)) {
      assertThat(stack.temporalDescription()).contains("dev server");
      assertThat(stack.temporalUiUrl()).contains("http://127.0.0.1:" + ports[1]);

      StartedRelease started =
          stack.releaseClient()
              .start(
                  new ReleaseRequest(
                      "e2e-smoke", "8.0.0", null, null, null, "alice", List.of(), null));
      assertThat(stack.releaseClient().awaitResult("e2e-smoke", Duration.ofSeconds(90)).outcome())
          .isEqualTo(Outcome.SUCCEEDED);

      String link = stack.releaseUiLink("e2e-smoke").orElseThrow();
      assertThat(link)
          .isEqualTo(
              "http://127.0.0.1:" + ports[1] + "/namespaces/default/workflows/deploy-e2e-smoke/"
                  + started.runId());
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(link)).timeout(Duration.ofSeconds(20)).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).containsIgnoringCase("<html");
    }
    assertThat(listens(ports[0])).as("the dev server stops with the demo").isFalse();
  }

  private static boolean listens(int port) {
    try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
