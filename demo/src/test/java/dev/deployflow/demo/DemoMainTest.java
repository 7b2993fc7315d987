package dev.deployflow.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./deployflow demo} says before it starts anything. */
class DemoMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void saysSoWhenThePipelineIsNotFound(@TempDir Path elsewhere) {
    int exit = run(elsewhere);

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("pipelines/demo-shop.yaml was not found in " + elsewhere)
        .contains("Run the demo from the repository top");
  }

  @Test
  void refusesUnknownOptionsWithTheUsage(@TempDir Path elsewhere) {
    int exit = run(elsewhere, "--fast");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown option --fast")
        .contains("usage: ./deployflow demo");
  }

  @Test
  void helpPrintsTheUsage(@TempDir Path elsewhere) {
    assertThat(run(elsewhere, "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--manual").contains("--port N");
  }

  @Test
  void readsPortAndManualMode() {
    assertThat(DemoMain.Options.parse(new String[] {"--port", "7300", "--manual"}))
        .isEqualTo(new DemoMain.Options(7300, true, false));
    assertThat(DemoMain.Options.parse(new String[] {"--port=7301"}).port()).isEqualTo(7301);
    assertThat(DemoMain.Options.parse(new String[0]))
        .isEqualTo(new DemoMain.Options(null, false, false));
    assertThatThrownBy(() -> DemoMain.Options.parse(new String[] {"--port", "http"}))
        .hasMessageContaining("--port must be a number");
    assertThatThrownBy(() -> DemoMain.Options.parse(new String[] {"--port", "70000"}))
        .hasMessageContaining("between 1 and 65535");
    assertThatThrownBy(() -> DemoMain.Options.parse(new String[] {"--port"}))
        .hasMessageContaining("needs a port number");
  }

  @Test
  void saysInOneLineThatItsTemporalIsEmbeddedAndInMemory() {
    assertThat(DemoMain.startingLine(7400))
        .contains("embedded, in-memory Temporal on 127.0.0.1:7400")
        .doesNotContain("\n");
  }

  @Test
  void saysInOneLineWhereTheDevServerAndItsUiAre() {
    assertThat(DemoMain.startingLineDevServer(7400, 8400))
        .contains("Temporal dev server (temporal server start-dev) on 127.0.0.1:7400")
        .contains("Temporal UI http://127.0.0.1:8400")
        .doesNotContain("\n");
  }

  @Test
  void writesItsCommandsAsTheLauncherWasTyped() {
    assertThat(DemoRun.hintsFor(java.util.Map.of()).program()).isEqualTo("./deployflow");
    assertThat(DemoRun.hintsFor(java.util.Map.of("DEPLOYFLOW_INVOKED_AS", "../main/deployflow"))
            .withExplicitAddress("127.0.0.1:7400").rewrite("deployflow approve demo-shop --by bob"))
        .isEqualTo("../main/deployflow approve demo-shop --by bob --temporal 127.0.0.1:7400");
  }

  private int run(Path base, String... args) {
    return DemoMain.run(
        args,
        base,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
