package dev.deployflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command's output passes through unchanged and is remembered by whole lines. */
class LiveOutputTest {
  @Test
  void passesEverythingOnAndRemembersCompleteLines() {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    LiveOutput live = new LiveOutput(console);
    PrintStream cli = new PrintStream(live, true, StandardCharsets.UTF_8);

    cli.println("[demo-shop 1.1.0] phase approval");
    cli.print("[demo-shop 1.1.0] gate production waits for 1 approval(s) — ");
    assertThat(live.hasShown(line -> line.contains("gate production waits for"))).as("half a line").isFalse();
    cli.println("deployflow approve demo-shop --by bob");
    cli.println("exit code 0");
    cli.println();

    assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("[demo-shop 1.1.0] phase approval\n"
        + "[demo-shop 1.1.0] gate production waits for 1 approval(s) — deployflow approve demo-shop --by bob\n"
        + "exit code 0\n\n");
    assertThat(live.hasShown(line -> line.endsWith("— deployflow approve demo-shop --by bob"))).isTrue();
    assertThat(live.lastLine()).isEqualTo("exit code 0");
  }
}
