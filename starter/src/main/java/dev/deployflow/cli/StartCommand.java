package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.client.StartedRelease;
import dev.deployflow.model.Impact;
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code deployflow start --app A --version V}: start a release, optionally watching it. */
@Command(
    name = "start",
    description = {
      "Start a release: workflow deploy-<app> on the task queue. Refused while another release"
          + " of the application is in flight.",
      "With --watch: follow it live; the exit code is then 0 only when it succeeded."
    })
final class StartCommand extends ReleaseCommand {
  @Option(names = "--app", required = true, paramLabel = "APP", description = "The application, e.g. shop-api.")
  String application;

  @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The version to release.")
  String version;

  @Option(names = "--pipeline", paramLabel = "NAME", description = "Pipeline file <NAME>.yaml (default: the application).")
  String pipeline;

  @Option(names = "--kind", paramLabel = "standard|hotfix", description = "hotfix takes the pipeline's fast track (default: standard).")
  ReleaseKind kind;

  @Option(names = "--impact", paramLabel = "low|medium|high", description = "Expected impact (default: medium).")
  Impact impact;

  @Option(names = "--by", paramLabel = "NAME", defaultValue = "${env:USER}", description = "Who requests it (default: $USER).")
  String by;

  @Option(names = "--change", paramLabel = "TEXT", description = "One change in the release; repeat for more.")
  List<String> changes = new ArrayList<>();

  @Option(names = "--rollback-plan", paramLabel = "URL", description = "Where the rollback plan is written.")
  String rollbackPlan;

  @Option(names = "--watch", description = "Follow the release live until it ends.")
  boolean watch;

  @Mixin WatchOptions watchOptions;

  private ReleaseRequest request;

  @Override
  protected void validate() {
    request = new ReleaseRequest(
        application, version, pipeline, kind, impact, by, List.copyOf(changes), rollbackPlan);
    List<String> problems = request.problems();
    if (!problems.isEmpty()) {
      // The same rules the workflow applies, checked here so nothing invalid is ever sent.
      throw new ParameterException(spec.commandLine(), "Invalid release: " + String.join("; ", problems));
    }
  }

  @Override
  protected int execute(ReleaseClient client) {
    StartedRelease started = client.start(request);
    if (!json()) {
      out().println(Printable.line("started " + started.request().application() + " "
          + started.request().version() + " as " + started.workflowId() + " (run "
          + started.runId() + ") on task queue " + client.taskQueue() + ", requested by "
          + started.request().requestedBy()));
      if (!watch) {
        out().println(hints().rewrite("follow it: deployflow watch " + started.request().application()));
      }
      out().flush();
    }
    if (watch) {
      return WatchCommand.follow(this, client, started.request().application(), watchOptions, started);
    }
    if (json()) {
      Json.print(out(), started);
    }
    return ExitCodes.OK;
  }
}
