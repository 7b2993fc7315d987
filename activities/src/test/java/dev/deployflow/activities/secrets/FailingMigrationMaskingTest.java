package dev.deployflow.activities.secrets;

import dev.deployflow.model.CompensationState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.command.CommandActivitiesImpl;
import dev.deployflow.activities.command.CommandRunner;
import dev.deployflow.activities.command.ProcessRunner;
import dev.deployflow.activities.releaselog.ReleaseLogActivitiesImpl;
import dev.deployflow.activity.CommandActivities.CommandRequest;
import dev.deployflow.activity.ReleaseLogActivities.PostMortem;
import dev.deployflow.activity.ReleaseLogActivities.ReleaseLogEntry;
import dev.deployflow.model.ReleaseStatus.CompensationStatus;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import dev.deployflow.pipeline.MigrateSpec;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration that fails after echoing its database URL, run as a real process, and what the
 * activity and then the release log and post-mortem make of it: the password never appears.
 */
class FailingMigrationMaskingTest {
  private static final String DATABASE_URL = "postgres://u:s3cr3tpw@db/x";
  private static final List<String> PASSWORD_PIECES = List.of("s3cr3tpw", "s3cr", "cr3t", "3tpw");

  @TempDir Path dir;

  private ActivitySettings settings(int tailBytes, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("DATABASE_URL", DATABASE_URL);
    env.putAll(extra);
    return new ActivitySettings(dir.resolve("pipelines"), dir, dir.resolve("var/release-log.jsonl"),
        dir.resolve("var/post-mortems"), env, null, null, tailBytes);
  }

  private static CommandActivitiesImpl commands(ActivitySettings settings) {
    return new CommandActivitiesImpl(
        new CommandRunner(settings, new ProcessRunner(settings.outputTailBytes(), Duration.ofMillis(100), Duration.ofSeconds(2))));
  }

  private static CommandRequest migration(String script) {
    MigrateSpec migrate = new MigrateSpec(List.of("bash", "-c", script), List.of("true"), null, null, List.of("DATABASE_URL"));
    return new CommandRequest("migrate api in production", migrate.up(), Map.of("environment", "production"), "r-1/migrate");
  }

  private static void assertNoPassword(String text) {
    PASSWORD_PIECES.forEach(piece -> assertThat(text).doesNotContain(piece));
  }

  @Test
  void theFailureItsDetailsAndTheOutputTailHoldNoPassword() {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> commands(settings(0, Map.of()))
        .runCommand(migration("echo DATABASE_URL=$DATABASE_URL; echo \"cannot connect to $DATABASE_URL\" >&2; exit 1")));

    assertThat(failure.getType()).isEqualTo("CommandFailed");
    assertThat(failure.getOriginalMessage())
        .endsWith("exited with code 1 after " + failure.getOriginalMessage().replaceAll("(?s).* after (\\d+) ms.*", "$1")
            + " ms; output:\nDATABASE_URL=****\ncannot connect to ****\n");
    assertNoPassword(failure.getMessage());
    assertThat(failure.getDetails().get(Integer.class)).isEqualTo(1);
  }

  @Test
  void aTailCutInsideTheSecretShowsNoHalfOfIt() {
    // 64 bytes of tail; the URL starts 20 bytes before the tail's start, whatever the padding.
    for (int shift = 1; shift < DATABASE_URL.length(); shift += 3) {
      String padding = "x".repeat(200);
      String after = "y".repeat(64 - (DATABASE_URL.length() - shift));
      String script = "printf '%s' '" + padding + "'; printf '%s' \"$DATABASE_URL\"; printf '%s' '" + after + "'; exit 2";
      ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
          () -> commands(settings(64, Map.of())).runCommand(migration(script)));
      String tail = failure.getOriginalMessage().substring(failure.getOriginalMessage().indexOf("bytes of output:\n"));
      assertNoPassword(tail);
      assertThat(tail).as("shift %d", shift).doesNotContain("postgres://u:").endsWith(after);
    }
  }

  @Test
  void encodedFormsOfAReferencedSecretAreMaskedToo() {
    String token = "p@ss/w\"rd x";
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> commands(settings(0, Map.of("HOOK_AUTH", token)))
        .runCommand(new CommandRequest("notify", new MigrateSpec(
            List.of("bash", "-c", "echo plain=$1; echo url=p%40ss%2Fw%22rd%20x; echo form=p%40ss%2Fw%22rd+x; echo 'json=p@ss/w\\\"rd x'; exit 3",
                "s", "${env:HOOK_AUTH}"), null, null, null).up(), Map.of(), null)));

    assertThat(failure.getOriginalMessage()).contains("plain=****\nurl=****\nform=****\njson=****\n");
  }

  @Test
  void theReleaseLogAndThePostMortemWrittenFromTheFailureHoldNoPassword() throws Exception {
    ActivitySettings settings = settings(0, Map.of());
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> commands(settings)
        .runCommand(migration("echo DATABASE_URL=$DATABASE_URL; exit 1")));
    // A message that reached the release some other way, unmasked, is masked where it is written.
    String raw = "migration of api failed: DATABASE_URL=" + DATABASE_URL + " (connecting to postgres://admin:hunter2pw@db2/y)";
    List<String> failures = List.of(failure.getOriginalMessage(), raw);
    ReleaseLogActivitiesImpl releaseLog = new ReleaseLogActivitiesImpl(settings);

    releaseLog.appendReleaseLog(new ReleaseLogEntry("shop-api", "1.2.0", "1.1.0", "failed", "standard", "alice",
        List.of(), List.of("migrate " + DATABASE_URL), raw, "2026-05-02T10:00:00Z", "2026-05-02T10:05:00Z",
        List.of(new TimelineEvent("2026-05-02T10:04:00Z", raw, null)),
        List.of(new CompensationStatus("undo migration of api", CompensationState.FAILED, raw))));
    String postMortem = releaseLog.writePostMortem(new PostMortem("shop-api", "1.2.0", "failed", raw, failures,
        List.of(new CompensationStatus("undo migration of api", CompensationState.FAILED, raw)), List.of(),
        "2026-05-02T10:00:00Z", "2026-05-02T10:05:00Z", List.of(new TimelineEvent("2026-05-02T10:04:00Z", raw, null))));

    List<Path> written = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir.resolve("var"))) {
      files.filter(Files::isRegularFile).forEach(written::add);
    }
    assertThat(written).extracting(p -> p.getFileName().toString())
        .contains("release-log.jsonl", "release-history.md", Path.of(postMortem).getFileName().toString());
    for (Path file : written) {
      String text = Files.readString(file);
      assertNoPassword(text);
      // Markdown shows the mask with its asterisks escaped, so that they never read as emphasis.
      assertThat(text).as(file.toString()).doesNotContain("hunter2pw")
          .contains(file.toString().endsWith(".md") ? "\\*\\*\\*\\*" : "****");
    }
    assertThat(Files.readString(Path.of(postMortem))).contains("postgres://admin:\\*\\*\\*\\*@db2/y");
    assertThat(Files.readString(settings.releaseLog())).contains("DATABASE_URL=**** (connecting to postgres://admin:****@db2/y)");
  }
}
