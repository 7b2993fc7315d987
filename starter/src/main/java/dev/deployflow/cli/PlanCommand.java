package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.PlanPreview;
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code deployflow plan --app A --version V}: what a release would do, without doing it. The
 * worker computes it (the pipeline files live there); this command only asks Temporal.
 */
@Command(
    name = "plan",
    description = {
      "Show what a release would do without doing it: the pipeline loaded and validated on the worker"
          + " as a release would, the versions live now (read only), the steps, gates, windows and"
          + " freezes, and the minimum duration. Deploys nothing."
    })
final class PlanCommand extends ReleaseCommand {
  @Option(names = "--app", required = true, paramLabel = "APP", description = "The application, e.g. shop-api.")
  String application;

  @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The version to plan.")
  String version;

  @Option(names = "--pipeline", paramLabel = "NAME", description = "Pipeline file <NAME>.yaml (default: the application).")
  String pipeline;

  @Option(names = "--kind", paramLabel = "standard|hotfix", description = "hotfix plans the pipeline's fast track.")
  ReleaseKind kind;

  @Option(names = "--change", paramLabel = "TEXT", description = "One change in the release; repeat for more.")
  List<String> changes = new ArrayList<>();

  private ReleaseRequest request;

  @Override
  protected void validate() {
    request = new ReleaseRequest(application, version, pipeline, kind, null, null, List.copyOf(changes), null);
    List<String> problems = request.problems();
    if (!problems.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "Invalid plan: " + String.join("; ", problems));
    }
  }

  @Override
  protected int execute(ReleaseClient client) {
    // The worker's answer is awaited as long as any answer (--timeout): it reads a file and probes.
    PlanPreview plan = client.plan(request, cli.connectionSettings().answerTimeout());
    if (json()) {
      Json.print(out(), plan);
    } else {
      PlanText.render(plan).forEach(out()::println);
      out().flush();
    }
    return ExitCodes.OK;
  }
}
