package dev.deployflow.activities.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activity.ArtifactActivities.ArtifactCheck;
import dev.deployflow.activity.ArtifactActivities.ArtifactReport;
import dev.deployflow.activity.ArtifactActivities.ArtifactRequest;
import dev.deployflow.pipeline.ArtifactSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks real files in a temporary working directory. */
class ArtifactActivitiesImplTest {
  private static final Map<String, String> VARS = Map.of("version", "1.2.0");
  private static final byte[] CONTENT = "the api jar, more or less".getBytes(StandardCharsets.UTF_8);

  @TempDir Path workDir;
  private ArtifactActivitiesImpl artifacts;

  @BeforeEach
  void setUp() throws Exception {
    artifacts = new ArtifactActivitiesImpl(ActivitySettings.defaults(workDir));
    Files.createDirectories(workDir.resolve("build"));
  }

  @Test
  void presentFileWithinLimitAndMatchingChecksumPasses() throws Exception {
    Files.write(workDir.resolve("build/api-1.2.0.jar"), CONTENT);
    Files.writeString(workDir.resolve("build/api-1.2.0.jar.sha256"), sha256(CONTENT) + "  api-1.2.0.jar\n");

    ArtifactReport report = verify(new ArtifactSpec(
        "build/api-${version}.jar", "1KB", "build/api-${version}.jar.sha256"));

    assertThat(report.allPassed()).isTrue();
    ArtifactCheck check = report.checks().get(0);
    assertThat(check.path()).isEqualTo("build/api-1.2.0.jar");
    assertThat(check.sizeBytes()).isEqualTo(CONTENT.length);
    assertThat(check.sha256()).isEqualTo(sha256(CONTENT));
    assertThat(check.problem()).isNull();
  }

  @Test
  void missingFileFailsNamingIt() {
    ArtifactReport report = verify(new ArtifactSpec("build/api-${version}.jar", null, null));

    assertThat(report.allPassed()).isFalse();
    assertThat(report.checks().get(0).problem()).contains("build/api-1.2.0.jar").contains("missing");
  }

  @Test
  void fileOverItsSizeLimitFails() throws Exception {
    Files.write(workDir.resolve("build/api-1.2.0.jar"), new byte[2048]);

    ArtifactCheck check = verify(new ArtifactSpec("build/api-${version}.jar", "1KB", null)).checks().get(0);

    assertThat(check.passed()).isFalse();
    assertThat(check.sizeBytes()).isEqualTo(2048);
    assertThat(check.problem()).contains("over its limit of 1KB");
  }

  @Test
  void checksumMismatchFailsShowingBothDigests() throws Exception {
    Files.write(workDir.resolve("build/api-1.2.0.jar"), CONTENT);
    String other = sha256("something else".getBytes(StandardCharsets.UTF_8));
    Files.writeString(workDir.resolve("build/api-1.2.0.jar.sha256"), other + "  api-1.2.0.jar\n");

    ArtifactCheck check = verify(new ArtifactSpec(
        "build/api-${version}.jar", null, "build/api-${version}.jar.sha256")).checks().get(0);

    assertThat(check.passed()).isFalse();
    assertThat(check.problem()).contains(sha256(CONTENT)).contains(other);
  }

  @Test
  void missingOrMalformedChecksumFileFails() throws Exception {
    Files.write(workDir.resolve("build/a.jar"), CONTENT);
    Files.write(workDir.resolve("build/b.jar"), CONTENT);
    Files.writeString(workDir.resolve("build/b.jar.sha256"), "not-a-digest  b.jar\n");

    ArtifactReport report = verify(
        new ArtifactSpec("build/a.jar", null, "build/a.jar.sha256"),
        new ArtifactSpec("build/b.jar", null, "build/b.jar.sha256"));

    assertThat(report.checks()).extracting(ArtifactCheck::passed).containsExactly(false, false);
    assertThat(report.checks().get(0).problem()).contains("checksum file build/a.jar.sha256 is missing");
    assertThat(report.checks().get(1).problem()).contains("does not start with a SHA-256");
  }

  @Test
  void upperCaseDigestAndAbsolutePathAreAccepted() throws Exception {
    Path jar = workDir.resolve("build/web.tgz");
    Files.write(jar, CONTENT);
    Files.writeString(workDir.resolve("build/web.tgz.sha256"), sha256(CONTENT).toUpperCase() + " *web.tgz\n");

    ArtifactReport report = verify(new ArtifactSpec(jar.toString(), "10MB", "build/web.tgz.sha256"));

    assertThat(report.allPassed()).as("%s", report).isTrue();
  }

  @Test
  void badSizeLimitFailsTheCheckInsteadOfThrowing() throws Exception {
    Files.write(workDir.resolve("build/api-1.2.0.jar"), CONTENT);

    ArtifactCheck check = verify(new ArtifactSpec("build/api-${version}.jar", "lots", null)).checks().get(0);

    assertThat(check.passed()).isFalse();
    assertThat(check.problem()).startsWith("maxSize:");
  }

  @Test
  void eachArtifactIsReportedAndOneFailureFailsTheReport() throws Exception {
    Files.write(workDir.resolve("build/api-1.2.0.jar"), CONTENT);

    ArtifactReport report = verify(
        new ArtifactSpec("build/api-${version}.jar", null, null),
        new ArtifactSpec("build/web-${version}.tgz", null, null));

    assertThat(report.component()).isEqualTo("api");
    assertThat(report.checks()).extracting(ArtifactCheck::passed).containsExactly(true, false);
    assertThat(report.allPassed()).isFalse();
  }

  @Test
  void anEnvironmentValueInAPathIsMaskedInTheReport() throws Exception {
    String token = "tok-5e3c7a1f";
    ArtifactActivitiesImpl withSecret = new ArtifactActivitiesImpl(new ActivitySettings(
        workDir, workDir, workDir.resolve("log.jsonl"), workDir, Map.of("BUCKET_TOKEN", token), null, null, 0));
    Files.createDirectories(workDir.resolve("build/" + token));
    Files.write(workDir.resolve("build/" + token + "/api.jar"), CONTENT);

    ArtifactReport report = withSecret.verifyArtifacts(new ArtifactRequest("api", List.of(
        new ArtifactSpec("build/${env:BUCKET_TOKEN}/api.jar", null, null),
        new ArtifactSpec("build/${env:BUCKET_TOKEN}/web.tgz", null, null)), VARS));

    assertThat(report.checks()).extracting(ArtifactCheck::passed).containsExactly(true, false);
    assertThat(report.checks().get(0).path()).isEqualTo("build/****/api.jar");
    assertThat(report.checks().get(1).problem()).contains("build/****/web.tgz is missing");
    assertThat(report.toString()).doesNotContain(token);
  }

  private ArtifactReport verify(ArtifactSpec... specs) {
    return artifacts.verifyArtifacts(new ArtifactRequest("api", List.of(specs), VARS));
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
