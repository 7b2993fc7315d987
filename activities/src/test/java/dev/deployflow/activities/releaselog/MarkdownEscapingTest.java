package dev.deployflow.activities.releaselog;

import dev.deployflow.model.CompensationState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activity.ReleaseLogActivities.PostMortem;
import dev.deployflow.activity.ReleaseLogActivities.ReleaseLogEntry;
import dev.deployflow.model.ReleaseStatus.CompensationStatus;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values from people and processes in the release history and the post-mortem: each hostile
 * input and the exact Markdown written for it, which shows the text and never runs, links or
 * reshapes anything.
 */
class MarkdownEscapingTest {
  private static final String SCRIPT = "<script>alert(1)</script>";
  private static final String LINK = "see [details](javascript:alert(document.cookie))";

  @TempDir Path base;

  @Test
  void inlineValuesAreEscaped() {
    assertThat(Markdown.inline(SCRIPT)).isEqualTo("&lt;script>alert(1)&lt;/script>");
    assertThat(Markdown.inline(LINK)).isEqualTo("see \\[details\\](javascript:alert(document.cookie))");
    assertThat(Markdown.inline("![x](https://evil.example/p.png)")).isEqualTo("!\\[x\\](https://evil.example/p.png)");
    assertThat(Markdown.cell("alice|bob")).isEqualTo("alice\\|bob");
    assertThat(Markdown.inline("1.0`rm -rf`")).isEqualTo("1.0\\`rm -rf\\`");
    assertThat(Markdown.inline("**urgent** _now_ ~~old~~ rolled_back")).isEqualTo("\\*\\*urgent\\*\\* \\_now\\_ \\~\\~old\\~\\~ rolled_back");
    assertThat(Markdown.inline("fix\n# Heading\r\n> quote")).isEqualTo("fix # Heading > quote");
    assertThat(Markdown.inline("# Heading")).isEqualTo("\\# Heading");
    assertThat(Markdown.inline("> quote")).isEqualTo("\\> quote");
    assertThat(Markdown.inline("- item")).isEqualTo("\\- item");
    assertThat(Markdown.inline("1. item")).isEqualTo("1\\. item");
    assertThat(Markdown.inline("1.2.0")).isEqualTo("1.2.0");
    assertThat(Markdown.inline("&lt;b&gt; & co")).isEqualTo("&amp;lt;b&amp;gt; & co");
    assertThat(Markdown.inline("bell\u0007 esc\u001b[31m red")).isEqualTo("bell esc\\[31m red");
  }

  @Test
  void codeSpansAndBlocksAreFencedLongerThanAnyBackquotesTheyHold() {
    assertThat(Markdown.code("2026-05-02T10:00:00Z")).isEqualTo("`2026-05-02T10:00:00Z`");
    assertThat(Markdown.code("a``b")).isEqualTo("```a``b```");
    assertThat(Markdown.code("`x`")).isEqualTo("`` `x` ``");
    assertThat(Markdown.block("out:\n```\n<script>\n```")).isEqualTo("````text\nout:\n```\n<script>\n```\n````\n");
  }

  @Test
  void theReleaseHistoryShowsHostileValuesAsText() throws Exception {
    ReleaseLogActivitiesImpl releaseLog = new ReleaseLogActivitiesImpl(ActivitySettings.defaults(base));
    ActivitySettings settings = ActivitySettings.defaults(base);

    releaseLog.appendReleaseLog(new ReleaseLogEntry("shop-api", "1.0`x`", "0.9|1", "failed", "standard",
        "mallory|admin", List.of("bob"), List.of(SCRIPT, LINK, "line one\nline two", "# not a heading"),
        "failed: " + SCRIPT, "2026-05-02T10:00:00Z", "2026-05-02T10:30:00Z",
        List.of(new TimelineEvent("2026-05-02T10:00:00Z", "rejected: " + LINK, "eve<img src=x onerror=alert(1)>")),
        List.of(new CompensationStatus("deploy api | restore", CompensationState.DONE, "`rm -rf`"))));

    String history = Files.readString(settings.releaseLog().resolveSibling("release-history.md"));
    assertThat(history)
        .contains("| 2026-05-02T10:30:00Z | shop-api | 1.0\\`x\\` | 0.9\\|1 | failed | standard | mallory\\|admin | bob |\n")
        .contains("## shop-api 1.0\\`x\\` — failed\n")
        .contains("- Outcome: **failed** — failed: &lt;script>alert(1)&lt;/script>\n")
        .contains("### Changes\n\n- &lt;script>alert(1)&lt;/script>\n"
            + "- see \\[details\\](javascript:alert(document.cookie))\n"
            + "- line one line two\n"
            + "- \\# not a heading\n")
        .contains("- `2026-05-02T10:00:00Z` rejected: see \\[details\\](javascript:alert(document.cookie))"
            + " — by eve&lt;img src=x onerror=alert(1)>\n")
        .contains("- deploy api \\| restore: **done** — \\`rm -rf\\`\n")
        .doesNotContain("<script").doesNotContain("<img").doesNotContain("[details]");
  }

  @Test
  void thePostMortemShowsHostileValuesAsTextAndOutputInCodeBlocks() throws Exception {
    ReleaseLogActivitiesImpl releaseLog = new ReleaseLogActivitiesImpl(ActivitySettings.defaults(base));
    String failure = "migrate api: `bash ci/migrate.sh` exited with code 1; output:\n```\n" + SCRIPT + "\n# DROP";

    String path = releaseLog.writePostMortem(new PostMortem("shop-api", "1.0\n# x", "failed",
        "Reason given: " + LINK + "\n```\n" + SCRIPT, List.of(failure), List.of(), List.of("carol|dave"),
        "2026-05-02T10:00:00Z", "2026-05-02T10:30:00Z", List.of()));

    assertThat(Files.readString(Path.of(path)))
        .startsWith("# Post-mortem: shop-api 1.0 # x — failed\n")
        .contains("## Summary\n\n````text\nReason given: " + LINK + "\n```\n" + SCRIPT + "\n````\n")
        .contains("## What failed\n\n- migrate api: \\`bash ci/migrate.sh\\` exited with code 1; output:\n\n"
            + "  ````text\n  ```\n  " + SCRIPT + "\n  # DROP\n  ````\n\n")
        .contains("## Who decided\n\n- carol\\|dave\n");
  }
}
