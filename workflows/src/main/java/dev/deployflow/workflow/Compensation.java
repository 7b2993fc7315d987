package dev.deployflow.workflow;

import dev.deployflow.model.CompensationState;
import dev.deployflow.model.ReleaseStatus.CompensationStatus;
import dev.deployflow.pipeline.CommandSpec;
import dev.deployflow.pipeline.DeploySpec;

/**
 * One registered compensation of the release's saga: what undoes one action that changed an
 * environment. It is registered before its action runs, so that an action interrupted half-way is
 * still undone (deploys and migrations are idempotent by contract).
 *
 * <p>Its state is {@code pending} until a rollback runs it, then {@code done}, {@code failed}
 * (every retry failed) or {@code skipped} (nothing to restore, e.g. no previous version);
 * {@code not_run} when the release ended without needing it.
 */
final class Compensation {

  /** What kind of undo this is. */
  enum Kind {
    /** Deploys the version the component ran before, at 100%. */
    DEPLOY_PREVIOUS,
    /** Runs the migration's undo command. */
    UNDO_MIGRATION,
    /** Runs the pipeline's configuration rollback (level config and full). */
    CONFIG_ROLLBACK
  }

  static final CompensationState PENDING = CompensationState.PENDING;
  static final CompensationState DONE = CompensationState.DONE;
  static final CompensationState FAILED = CompensationState.FAILED;
  static final CompensationState SKIPPED = CompensationState.SKIPPED;
  static final CompensationState NOT_RUN = CompensationState.NOT_RUN;

  private final Kind kind;
  private final String environment;
  private final String component;
  private final String previousVersion;
  private final DeploySpec deploy;
  private final CommandSpec command;
  private final String action;
  private CompensationState state = PENDING;
  private String detail;

  private Compensation(
      Kind kind, String environment, String component, String previousVersion,
      DeploySpec deploy, CommandSpec command, String action) {
    this.kind = kind;
    this.environment = environment;
    this.component = component;
    this.previousVersion = previousVersion;
    this.deploy = deploy;
    this.command = command;
    this.action = action;
  }

  static Compensation deployPrevious(String environment, String component, String previousVersion, DeploySpec deploy) {
    String action = previousVersion == null
        ? "restore " + component + " in " + environment + " (no previous version recorded)"
        : "deploy " + component + " " + previousVersion + " to " + environment + " (previous version)";
    return new Compensation(Kind.DEPLOY_PREVIOUS, environment, component, previousVersion, deploy, null, action);
  }

  static Compensation undoMigration(String environment, String component, CommandSpec undo) {
    return new Compensation(Kind.UNDO_MIGRATION, environment, component, null, null, undo,
        "undo migration of " + component + " in " + environment);
  }

  static Compensation configRollback(CommandSpec command) {
    return new Compensation(Kind.CONFIG_ROLLBACK, null, null, null, null, command, "configuration rollback");
  }

  Kind kind() {
    return kind;
  }

  String environment() {
    return environment;
  }

  String component() {
    return component;
  }

  String previousVersion() {
    return previousVersion;
  }

  DeploySpec deploy() {
    return deploy;
  }

  CommandSpec command() {
    return command;
  }

  String action() {
    return action;
  }

  CompensationState state() {
    return state;
  }

  boolean isPending() {
    return state == PENDING;
  }

  void ended(CompensationState newState, String why) {
    this.state = newState;
    this.detail = why;
  }

  CompensationStatus toStatus() {
    return new CompensationStatus(action, state, detail);
  }
}
