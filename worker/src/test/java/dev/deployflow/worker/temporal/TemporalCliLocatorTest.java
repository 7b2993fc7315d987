package dev.deployflow.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.worker.config.DeployflowProperties.EmbeddedKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalCliLocatorTest {
  @TempDir Path dir;

  private Path executable(Path path) throws IOException {
    Files.createDirectories(path.getParent());
    Files.writeString(path, "#!/bin/sh\n");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    return path;
  }

  @Test
  void theConfiguredBinaryWinsOverTheProjectCopyAndThePath() throws IOException {
    Path configured = executable(dir.resolve("bin/my-temporal"));
    executable(dir.resolve(".tools/temporal-1.9.1/temporal"));
    assertThat(TemporalCliLocator.find(configured.toString(), dir, Map.of())).contains(configured);
    assertThat(
            TemporalCliLocator.find(
                null, dir, Map.of(TemporalCliLocator.ENV, configured.toString())))
        .contains(configured);
  }

  @Test
  void theProjectCopyIsFoundFromASubdirectoryBeforeThePath() throws IOException {
    Path local = executable(dir.resolve(".tools/temporal-1.9.1/temporal"));
    Path onPath = executable(dir.resolve("path/temporal"));
    Path sub = Files.createDirectories(dir.resolve("worker/target"));
    assertThat(TemporalCliLocator.find(null, sub, Map.of("PATH", onPath.getParent().toString())))
        .contains(local);
  }

  @Test
  void thePathIsTheLastPlaceAndNothingIsEmpty() throws IOException {
    Path onPath = executable(dir.resolve("path/temporal"));
    Path empty = Files.createDirectories(dir.resolve("nothing"));
    assertThat(TemporalCliLocator.find(null, empty, Map.of("PATH", "/nonexistent:" + onPath.getParent())))
        .contains(onPath);
    assertThat(TemporalCliLocator.find(null, empty, Map.of("PATH", "/nonexistent"))).isEmpty();
  }

  @Test
  void aConfiguredPathThatIsNotExecutableIsAnErrorNamingTheSetting() {
    assertThatThrownBy(() -> TemporalCliLocator.find("/no/such/temporal", dir, Map.of()))
        .hasMessageContaining("deployflow.embedded.temporal-cli")
        .hasMessageContaining("/no/such/temporal");
  }

  @Test
  void testServerIsChosenWithoutLookingAndKindsParseAsSpringWouldBindThem() {
    assertThat(EmbeddedTemporalChoice.resolve(EmbeddedKind.TEST_SERVER, "/no/such/temporal").kind())
        .isEqualTo(EmbeddedKind.TEST_SERVER);
    assertThat(EmbeddedTemporalChoice.parseKind("dev-server")).isEqualTo(EmbeddedKind.DEV_SERVER);
    assertThat(EmbeddedTemporalChoice.parseKind("TEST_SERVER")).isEqualTo(EmbeddedKind.TEST_SERVER);
    assertThat(EmbeddedTemporalChoice.parseKind(null)).isEqualTo(EmbeddedKind.AUTO);
  }
}
