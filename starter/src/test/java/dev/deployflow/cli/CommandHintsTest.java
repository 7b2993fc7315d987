package dev.deployflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rewriting of shown commands, as a pure function. */
class CommandHintsTest {
  private static final CommandHints LAUNCHER = new CommandHints("./deployflow", null, null);

  @Test
  void withoutTheLauncherCommandsStayAsTheyAre() {
    String text = "roll it back: deployflow rollback shop-api";

    assertThat(CommandHints.plain().rewrite(text)).isEqualTo(text);
    assertThat(CommandHints.fromEnvironment(Map.of()).rewrite(text)).isEqualTo(text);
  }

  @Test
  void commandsTakeTheProgramAsTyped() {
    assertThat(LAUNCHER.rewrite("deployflow approve demo-shop --by bob"))
        .isEqualTo("./deployflow approve demo-shop --by bob");
    assertThat(LAUNCHER.rewrite("shop-api already has a release in flight: 1.2.0 in phase approval"
        + " (deploy-shop-api). Wait for it, or roll it back: deployflow rollback shop-api"))
        .endsWith("Wait for it, or roll it back: ./deployflow rollback shop-api");
    assertThat(CommandHints.fromEnvironment(Map.of(CommandHints.INVOKED_AS, "../deployflow"))
        .rewrite("follow it: deployflow watch shop-api"))
        .isEqualTo("follow it: ../deployflow watch shop-api");
  }

  @Test
  void anExplicitAddressOtherThanTheDefaultIsAddedAtTheEndOfTheCommandsLine() {
    CommandHints hints = LAUNCHER.withExplicitAddress("127.0.0.1:7400");

    assertThat(hints.rewrite("deployflow approve demo-shop --by bob"))
        .isEqualTo("./deployflow approve demo-shop --by bob --temporal 127.0.0.1:7400");
    assertThat(hints.rewrite("[demo-shop 1.1.0] gate production waits for 1 approval(s) from bob, carol:"
        + " deployflow approve demo-shop --by bob\nnext line"))
        .isEqualTo("[demo-shop 1.1.0] gate production waits for 1 approval(s) from bob, carol:"
            + " ./deployflow approve demo-shop --by bob --temporal 127.0.0.1:7400\nnext line");
    assertThat(hints.rewrite("./deployflow approve demo-shop --temporal 127.0.0.1:7400"))
        .as("a command that names its address already")
        .isEqualTo("./deployflow approve demo-shop --temporal 127.0.0.1:7400");
  }

  @Test
  void anAddressThatTheEnvironmentGivesAnywayIsNotAdded() {
    assertThat(LAUNCHER.withExplicitAddress("127.0.0.1:7233").rewrite("deployflow watch shop-api"))
        .isEqualTo("./deployflow watch shop-api");
    CommandHints fromEnv = CommandHints.fromEnvironment(
        Map.of(CommandHints.INVOKED_AS, "./deployflow", "TEMPORAL_ADDRESS", "temporal.example.com:7233"));
    assertThat(fromEnv.withExplicitAddress("temporal.example.com:7233").rewrite("deployflow watch shop-api"))
        .isEqualTo("./deployflow watch shop-api");
    assertThat(fromEnv.withExplicitAddress("127.0.0.1:7233").rewrite("deployflow watch shop-api"))
        .isEqualTo("./deployflow watch shop-api --temporal 127.0.0.1:7233");
  }

  @Test
  void errorPrefixesOtherModesAndTemporalCommandsAreLeftAlone() {
    CommandHints hints = LAUNCHER.withExplicitAddress("127.0.0.1:7400");

    assertThat(hints.rewrite("deployflow: no release of shop-api found")).isEqualTo("deployflow: no release of shop-api found");
    assertThat(hints.rewrite("Start it with ./deployflow worker")).isEqualTo("Start it with ./deployflow worker");
    String temporal = "temporal workflow update execute --workflow-id deploy-shop-api --name approve"
        + " --input '{\"by\":\"bob\"}'";
    assertThat(hints.rewrite(temporal)).isEqualTo(temporal);
    assertThat(hints.rewrite("the deployflow starter")).isEqualTo("the deployflow starter");
  }

  @Test
  void aProgramPathWithSpacesIsQuotedForTheShell() {
    CommandHints hints = new CommandHints("/home/al ice/deployflow", null, null);

    assertThat(hints.rewrite("deployflow status shop-api")).isEqualTo("'/home/al ice/deployflow' status shop-api");
  }
}
