package dev.deployflow.activities.releaselog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activity.ReleaseLogActivities.PostMortem;
import dev.deployflow.activity.ReleaseLogActivities.ReleaseLogEntry;
import dev.deployflow.model.ReleaseStatus.CompensationStatus;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes the release log, its Markdown history and post-mortems to real files. */
class ReleaseLogActivitiesImplTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path base;
  private ActivitySettings settings;
  private ReleaseLogActivitiesImpl releaseLog;

  @BeforeEach
  void setUp() {
    // Parent directories do not exist yet: the activity creates them.
    settings = ActivitySettings.defaults(base);
    releaseLog = new ReleaseLogActivitiesImpl(settings);
  }

  @Test
  void twoReleasesGiveTwoJsonLinesAndAHistoryNewestFirst() throws Exception {
    String path = releaseLog.appendReleaseLog(entry("1.1.0", "1.0.0", "succeeded", "2026-05-01T10:00:00Z"));
    releaseLog.appendReleaseLog(entry("1.2.0", "1.1.0", "rolled_back", "2026-05-02T10:00:00Z"));

    assertThat(Path.of(path)).isEqualTo(settings.releaseLog().toAbsolutePath());
    List<String> lines = Files.readAllLines(settings.releaseLog());
    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines.get(0));
    JsonNode second = JSON.readTree(lines.get(1));
    assertThat(first.path("version").asText()).isEqualTo("1.1.0");
    assertThat(second.path("version").asText()).isEqualTo("1.2.0");
    assertThat(second.path("outcome").asText()).isEqualTo("rolled_back");
    assertThat(second.path("approvedBy").get(0).asText()).isEqualTo("bob");
    assertThat(second.path("timeline").get(0).path("event").asText()).isEqualTo("release started");

    String history = Files.readString(settings.releaseLog().resolveSibling("release-history.md"));
    assertThat(history).startsWith("# Release history");
    assertThat(history).contains("| 2026-05-02T10:30:00Z | shop-api | 1.2.0 | 1.1.0 | rolled_back | standard | alice | bob |");
    assertThat(history.indexOf("| 1.2.0 |")).isLessThan(history.indexOf("| 1.1.0 | 1.0.0 |"));
    assertThat(history.indexOf("## shop-api 1.2.0")).isLessThan(history.indexOf("## shop-api 1.1.0"));
    assertThat(history)
        .contains("- New 'Job Matching' feature")
        .contains("- Approved by: bob")
        .contains("- Outcome: **rolled_back**")
        .contains("- `2026-05-02T10:00:00Z` release started — by alice")
        .contains("- deploy api 1.2.0 to production: **done**");
  }

  @Test
  void aRetriedAppendDoesNotLogTheReleaseTwice() throws Exception {
    ReleaseLogEntry entry = entry("1.2.0", "1.1.0", "succeeded", "2026-05-02T10:00:00Z");

    releaseLog.appendReleaseLog(entry);
    releaseLog.appendReleaseLog(entry);

    assertThat(Files.readAllLines(settings.releaseLog())).hasSize(1);
  }

  @Test
  void unreadableLinesAreKeptAndMentioned() throws Exception {
    Files.createDirectories(settings.releaseLog().getParent());
    Files.writeString(settings.releaseLog(), "this is not json\n");

    releaseLog.appendReleaseLog(entry("1.2.0", "1.1.0", "succeeded", "2026-05-02T10:00:00Z"));

    assertThat(Files.readAllLines(settings.releaseLog())).hasSize(2).first().isEqualTo("this is not json");
    assertThat(Files.readString(settings.releaseLog().resolveSibling("release-history.md")))
        .contains("1 line of the release log could not be read")
        .contains("## shop-api 1.2.0");
  }

  @Test
  void postMortemIsWrittenWithWhatFailedWhatWasUndoneAndWhoDecided() throws Exception {
    PostMortem pm = new PostMortem(
        "shop-api",
        "1.2.0",
        "rolled_back",
        "error-rate above 0.01 during the 10% canary",
        List.of("analysis error-rate failed at 10%: 0.034 > 0.01"),
        List.of(new CompensationStatus("undo migration of api in production", dev.deployflow.model.CompensationState.fromJson("done"), null),
            new CompensationStatus("deploy api 1.1.0 to production", dev.deployflow.model.CompensationState.fromJson("done"), "restored in 41s")),
        List.of("carol (rollback, level full)"),
        "2026-05-02T10:00:00Z",
        "2026-05-02T10:42:07Z",
        List.of(new TimelineEvent("2026-05-02T10:20:00Z", "canary 10% started", null),
            new TimelineEvent("2026-05-02T10:31:00Z", "rollback requested", "carol")));

    String path = releaseLog.writePostMortem(pm);

    Path file = Path.of(path);
    assertThat(file.getParent()).isEqualTo(settings.postMortemDir().toAbsolutePath());
    assertThat(file.getFileName()).hasToString("shop-api-1.2.0-20260502-104207.md");
    String text = Files.readString(file);
    assertThat(text)
        .startsWith("# Post-mortem: shop-api 1.2.0 — rolled_back")
        .contains("## What failed\n\n- analysis error-rate failed at 10%: 0.034 > 0.01")
        .contains("- undo migration of api in production: **done**")
        .contains("- deploy api 1.1.0 to production: **done** — restored in 41s")
        .contains("## Who decided\n\n- carol (rollback, level full)")
        .contains("- Finished: 2026-05-02T10:42:07Z")
        .contains("- `2026-05-02T10:31:00Z` rollback requested — by carol");
  }

  @Test
  void theHistoryIsReadableByAllAndLeavesOutCompensationsThatWereNeverNeeded() throws Exception {
    ReleaseLogEntry succeeded = entry("1.3.0", "1.2.0", "succeeded", "2026-05-03T10:00:00Z");
    releaseLog.appendReleaseLog(new ReleaseLogEntry(
        succeeded.application(), succeeded.version(), succeeded.previousVersion(),
        succeeded.outcome(), succeeded.kind(), succeeded.requestedBy(), succeeded.approvedBy(),
        succeeded.changes(), succeeded.summary(), succeeded.startedAt(), succeeded.finishedAt(),
        succeeded.timeline(),
        List.of(new CompensationStatus("deploy api 1.2.0 to production", dev.deployflow.model.CompensationState.fromJson("not_run"), "not needed"))));

    Path history = settings.releaseLog().resolveSibling("release-history.md");
    assertThat(Files.readString(history))
        .doesNotContain("not_run")
        .doesNotContain("deploy api 1.2.0 to production");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history)))
        .isEqualTo("rw-r--r--");
  }

  private static ReleaseLogEntry entry(String version, String previous, String outcome, String startedAt) {
    String finishedAt = startedAt.replace("10:00:00Z", "10:30:00Z");
    return new ReleaseLogEntry(
        "shop-api", version, previous, outcome, "standard", "alice", List.of("bob"),
        List.of("New 'Job Matching' feature", "Fix 'Profile Edit' crash"),
        "release " + version + " " + outcome, startedAt, finishedAt,
        List.of(new TimelineEvent(startedAt, "release started", "alice"),
            new TimelineEvent(finishedAt, "release " + outcome, null)),
        List.of(new CompensationStatus("deploy api " + version + " to production", dev.deployflow.model.CompensationState.DONE, null)));
  }
}
