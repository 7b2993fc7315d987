package dev.deployflow.activities;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What every activity implementation needs to know about the worker it runs in.
 *
 * @param pipelinesDir where {@code <name>.yaml} pipelines live
 * @param workDir the working directory of commands, and the base of relative artifact paths
 * @param releaseLog the JSON-lines release log; the Markdown history is written beside it
 * @param postMortemDir where post-mortems are written
 * @param environment what {@code ${env:NAME}} and required-configuration checks read
 * @param httpConnectTimeout connect timeout of the shared HTTP client
 * @param httpReadTimeout read (and call) timeout of the shared HTTP client
 * @param outputTailBytes how much of a command's output is kept
 */
public record ActivitySettings(
    Path pipelinesDir,
    Path workDir,
    Path releaseLog,
    Path postMortemDir,
    Map<String, String> environment,
    Duration httpConnectTimeout,
    Duration httpReadTimeout,
    int outputTailBytes) {

  public ActivitySettings {
    Objects.requireNonNull(pipelinesDir, "pipelinesDir");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(releaseLog, "releaseLog");
    Objects.requireNonNull(postMortemDir, "postMortemDir");
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    httpConnectTimeout = httpConnectTimeout == null ? Duration.ofSeconds(5) : httpConnectTimeout;
    httpReadTimeout = httpReadTimeout == null ? Duration.ofSeconds(30) : httpReadTimeout;
    outputTailBytes = outputTailBytes <= 0 ? 16 * 1024 : outputTailBytes;
  }

  /**
   * Names the settings without the environment's values: they hold secrets, and a settings object
   * may end up in a log line or an exception message.
   */
  @Override
  public String toString() {
    return "ActivitySettings[pipelinesDir=" + pipelinesDir + ", workDir=" + workDir
        + ", releaseLog=" + releaseLog + ", postMortemDir=" + postMortemDir
        + ", environment=<" + environment.size() + " variables>, httpConnectTimeout="
        + httpConnectTimeout + ", httpReadTimeout=" + httpReadTimeout
        + ", outputTailBytes=" + outputTailBytes + "]";
  }

  /** Settings rooted at {@code baseDir} with the usual layout and the process environment. */
  public static ActivitySettings defaults(Path baseDir) {
    return new ActivitySettings(
        baseDir.resolve("pipelines"),
        baseDir,
        baseDir.resolve("var/release-log.jsonl"),
        baseDir.resolve("var/post-mortems"),
        System.getenv(),
        null,
        null,
        0);
  }
}
