package dev.deployflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script at the repository top tells the command line how it was typed, so that
 * the commands the command line shows run as copied. Runs a copy of the script with a stand-in
 * {@code java} that prints what it was given.
 */
class LauncherTest {

  @Test
  void theLauncherExportsItsNameAsTyped(@TempDir Path top) throws Exception {
    Files.copy(launcher(), top.resolve("deployflow"));
    executable(top.resolve("deployflow"));
    Files.createDirectories(top.resolve("starter/target"));
    Files.writeString(top.resolve("starter/target/deployflow-cli.jar"), "");
    Path java = top.resolve("jdk/bin/java");
    Files.createDirectories(java.getParent());
    Files.writeString(java, "#!/usr/bin/env bash\necho \"invoked as: ${DEPLOYFLOW_INVOKED_AS:-unset}\"\n");
    executable(java);

    ProcessBuilder builder = new ProcessBuilder("./deployflow", "--version").directory(top.toFile());
    builder.environment().put("JAVA_HOME", top.resolve("jdk").toString());
    builder.environment().remove(CommandHints.INVOKED_AS);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output.strip()).isEqualTo("invoked as: ./deployflow");
  }

  /** The script in the checkout: the first directory upwards holding both it and pom.xml. */
  private static Path launcher() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("deployflow")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir.resolve("deployflow");
      }
    }
    throw new IllegalStateException("the deployflow launcher was not found above " + Path.of("").toAbsolutePath());
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
