package dev.deployflow.workflow;

import dev.deployflow.model.PlanPreview.VersionChange;
import dev.deployflow.pipeline.Component;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.plan.PlanPreviews;
import java.util.ArrayList;
import java.util.List;

/**
 * What an approval gate shows its approvers, so that nobody approves blind: the release's
 * changes, the version diff per component and environment, and the plan's summary line (the same
 * one {@code deployflow plan} prints). The diff uses only the versions the release has already
 * read: the pre-production stages before their deploys, and the wave the gate opens for, read
 * right before the gate opens (the rollout reuses that reading as what a rollback restores). An
 * environment not read yet (a later wave) is left out. A null {@code live} means the probe found none.
 */
final class ApprovalContext {
  private ApprovalContext() {}

  static void attach(ReleaseContext release, ApprovalGate gate) {
    List<VersionChange> diff = new ArrayList<>();
    for (Environment environment : release.plan().allEnvironments()) {
      ReleaseState.EnvironmentRecord record = release.state().environment(environment.name());
      for (Component component : release.plan().components()) {
        if (record.knowsPrevious(component.name())) {
          diff.add(new VersionChange(component.name(), environment.name(), record.previous(component.name()),
              release.version()));
        }
      }
    }
    gate.withContext(release.request().changes(), diff,
        PlanPreviews.summary(release.pipeline(), release.plan(), release.request()));
  }
}
