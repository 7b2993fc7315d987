package dev.deployflow.worker.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The worker's own settings, under {@code deployflow.*}. A bad value stops start-up with a
 * message naming the property. {@code DEPLOYFLOW_PIPELINES_DIR} and
 * {@code DEPLOYFLOW_SLACK_SIGNING_SECRET} are read as aliases (see
 * {@link EnvironmentAliases}).
 *
 * @param taskQueue the Temporal task queue the worker polls and releases start on
 * @param pipelinesDir where {@code <pipeline>.yaml} files live; must exist
 * @param workDir the working directory of pipeline commands; must exist
 * @param releaseLog the JSON-lines release log
 * @param postMortemDir where post-mortems are written
 * @param environment variables overlaid on the process environment for {@code ${env:NAME}} and
 *     required-configuration checks; write keys with brackets to keep them exact, e.g.
 *     {@code deployflow.environment[DATABASE_URL]}
 * @param outputTailBytes how much of a command's output is kept
 * @param metricsReportInterval how often Temporal SDK metrics are handed to Micrometer
 * @param embedded the Temporal the worker runs itself when no Temporal address is configured
 * @param http timeouts of the activities' shared HTTP client
 * @param chat the chat endpoint
 * @param shutdown how long a stopping worker waits for running tasks
 */
@Validated
@ConfigurationProperties("deployflow")
public record DeployflowProperties(
    @DefaultValue("deployments") @NotBlank String taskQueue,
    @DefaultValue("./pipelines") @NotNull @ExistingDirectory Path pipelinesDir,
    @DefaultValue(".") @NotNull @ExistingDirectory Path workDir,
    @DefaultValue("./var/release-log.jsonl") @NotNull Path releaseLog,
    @DefaultValue("./var/post-mortems") @NotNull Path postMortemDir,
    Map<String, String> environment,
    @DefaultValue("16384") @Positive int outputTailBytes,
    @DefaultValue("10s") @NotNull @DurationMin(millis = 100) Duration metricsReportInterval,
    @DefaultValue @Valid Embedded embedded,
    @DefaultValue @Valid Http http,
    @DefaultValue @Valid Chat chat,
    @DefaultValue @Valid Shutdown shutdown) {

  public DeployflowProperties {
    environment = environment == null ? Map.of() : Map.copyOf(environment);
  }

  @Override
  public String toString() {
    // The environment often holds tokens: only its names are shown.
    return "DeployflowProperties[taskQueue=" + taskQueue + ", pipelinesDir=" + pipelinesDir
        + ", workDir=" + workDir + ", releaseLog=" + releaseLog + ", postMortemDir="
        + postMortemDir + ", environment=" + new TreeSet<>(environment.keySet())
        + ", outputTailBytes=" + outputTailBytes + ", metricsReportInterval="
        + metricsReportInterval + ", embedded=" + embedded + ", http=" + http + ", chat=" + chat
        + ", shutdown=" + shutdown + "]";
  }

  /**
   * The Temporal the worker runs itself when no Temporal address is configured.
   *
   * @param kind {@code auto} (the default): the Temporal CLI's dev server when the
   *     {@code temporal} CLI is found, else the in-process Java test server; {@code dev-server}
   *     or {@code test-server} to insist on one
   * @param port the frontend port at 127.0.0.1; {@code 0} picks a free port
   * @param uiPort the dev server's Temporal UI port at 127.0.0.1; {@code 0} picks a free port,
   *     {@code -1} runs it without UI
   * @param dbFile the dev server's SQLite file: releases survive restarts on the same file
   * @param temporalCli the {@code temporal} binary; by default {@code DEPLOYFLOW_TEMPORAL_CLI},
   *     then {@code .tools/temporal-1.9.1/temporal} here or in a parent directory, then the PATH
   * @param startTimeout how long the dev server may take until it answers
   */
  public record Embedded(
      @DefaultValue("auto") @NotNull EmbeddedKind kind,
      @DefaultValue("7233") @Min(0) @Max(65535) int port,
      @DefaultValue("8233") @Min(-1) @Max(65535) int uiPort,
      @DefaultValue("./var/temporal/dev.db") @NotNull Path dbFile,
      String temporalCli,
      @DefaultValue("60s") @NotNull @DurationMin(seconds = 1) Duration startTimeout) {

    /** The constructor Spring binds; the other one is a shorthand for code. */
    @ConstructorBinding
    public Embedded {}

    /** The defaults, on another frontend port. */
    public Embedded(int port) {
      this(EmbeddedKind.AUTO, port, 8233, Path.of("./var/temporal/dev.db"), null,
          Duration.ofSeconds(60));
    }
  }

  /** Which embedded Temporal the worker runs. */
  public enum EmbeddedKind {
    /** The dev server when the {@code temporal} CLI is found, else the test server. */
    AUTO,
    /** {@code temporal server start-dev}: the real server, file-backed, with the Temporal UI. */
    DEV_SERVER,
    /** The in-process Java test server: in memory, gone when the worker stops. */
    TEST_SERVER
  }

  /**
   * Timeouts of the HTTP client shared by deploy hooks, smoke tests, metric sources and
   * notifications.
   */
  public record Http(
      @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
      @DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration readTimeout) {}

  /**
   * The Slack-style chat endpoint.
   *
   * @param signingSecret the Slack signing secret; without one the endpoint answers 503
   * @param maxClockSkew how old a signed request may be; each one is accepted once in that time
   * @param users who may speak: comma-separated {@code SLACKUSERID:identity} entries (Slack's
   *     {@code user_id}, never the display name); an unmapped user is refused
   * @param teamId when set, the Slack workspace ({@code team_id}) every request must come from
   */
  public record Chat(
      String signingSecret,
      @DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration maxClockSkew,
      List<String> users,
      String teamId) {

    public Chat {
      users = users == null ? List.of() : List.copyOf(users);
    }

    /** Whether a signing secret is configured. */
    public boolean hasSigningSecret() {
      return signingSecret != null && !signingSecret.isBlank();
    }

    @Override
    public String toString() {
      // Keeps the secret out of logs and failure reports.
      return "Chat[signingSecret=" + (hasSigningSecret() ? "***" : "<none>")
          + ", maxClockSkew=" + maxClockSkew + ", users=" + users.size() + " entries, teamId="
          + teamId + "]";
    }
  }

  /**
   * Shutdown of the Temporal worker.
   *
   * @param awaitTermination how long to wait for running workflow and activity tasks after the
   *     worker stopped polling; activities may heartbeat meanwhile
   */
  public record Shutdown(
      @DefaultValue("30s") @NotNull @DurationMin(millis = 0) Duration awaitTermination) {}
}
