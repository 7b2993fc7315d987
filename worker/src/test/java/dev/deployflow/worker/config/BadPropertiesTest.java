package dev.deployflow.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.worker.WorkerApplication;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A bad setting stops start-up before anything is started, and what the person reads (Spring
 * Boot's failure report) names the property and says what is wrong with it; an unreachable
 * Temporal is reported with its address and the way out.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadPropertiesTest {
  @TempDir Path baseDir;

  @Test
  void aMissingPipelinesDirectoryNamesThePropertyAndThePath(CapturedOutput output) {
    Path missing = baseDir.resolve("no-such-pipelines");

    assertThatThrownBy(() -> start("--deployflow.pipelines-dir=" + missing))
        .isInstanceOf(RuntimeException.class);

    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains("deployflow.pipelines-dir (environment variable DEPLOYFLOW_PIPELINES_DIR)")
        .contains("must be an existing directory, but " + missing.toAbsolutePath() + " is not one");
    assertNoEmbeddedServerStarted(output);
  }

  @Test
  void anEmbeddedPortOutOfRangeNamesTheProperty(CapturedOutput output) {
    assertThatThrownBy(() -> start("--deployflow.embedded.port=70000"))
        .isInstanceOf(RuntimeException.class);

    assertThat(output.getAll())
        .contains("deployflow.embedded.port")
        .contains("70000")
        .contains("must be less than or equal to 65535");
    assertNoEmbeddedServerStarted(output);
  }

  @Test
  void aZeroHttpTimeoutNamesTheProperty(CapturedOutput output) {
    assertThatThrownBy(() -> start("--deployflow.http.read-timeout=0s"))
        .isInstanceOf(RuntimeException.class);

    assertThat(output.getAll())
        .contains("deployflow.http.read-timeout = \"PT0S\": must be longer than or equal to");
  }

  @Test
  void anMtlsKeyWithoutItsCertificateChainIsRefused(CapturedOutput output) throws Exception {
    Path key = Files.writeString(baseDir.resolve("client.key"), "not really a key");

    assertThatThrownBy(
            () ->
                start(
                    "--spring.temporal.connection.target=temporal.example.com:7233",
                    "--spring.temporal.connection.mtls.key-file=" + key))
        .isInstanceOf(RuntimeException.class);

    assertThat(output.getAll())
        .contains("spring.temporal.connection.mtls: key-file and cert-chain-file must be set together");
  }

  @Test
  void anUnreachableTemporalIsExplainedWithTheAddress(CapturedOutput output) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(
            () -> start("--spring.temporal.connection.target=127.0.0.1:" + closedPort))
        .hasRootCauseInstanceOf(java.net.ConnectException.class);

    assertThat(output.getAll())
        .contains("The worker could not reach Temporal at 127.0.0.1:" + closedPort)
        .contains("Check TEMPORAL_ADDRESS (or spring.temporal.connection.target)");
  }

  private void start(String... overrides) throws Exception {
    Files.createDirectories(baseDir.resolve("pipelines"));
    // Keyed by name: a repeated command-line argument would be joined with a comma.
    Map<String, String> arguments = new LinkedHashMap<>();
    for (String argument : List.of(
        "--server.port=0",
        "--deployflow.embedded.port=0",
        "--spring.temporal.connection.target=",
        "--deployflow.pipelines-dir=" + baseDir.resolve("pipelines"),
        "--deployflow.work-dir=" + baseDir)) {
      arguments.put(argument.substring(0, argument.indexOf('=')), argument);
    }
    for (String argument : overrides) {
      arguments.put(argument.substring(0, argument.indexOf('=')), argument);
    }
    new SpringApplicationBuilder(WorkerApplication.class)
        .run(arguments.values().toArray(String[]::new))
        .close();
  }

  private static void assertNoEmbeddedServerStarted(CapturedOutput output) {
    assertThat(output.getAll()).doesNotContain("Embedded in-memory Temporal listening");
  }
}
