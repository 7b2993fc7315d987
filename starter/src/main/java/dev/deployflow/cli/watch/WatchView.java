package dev.deployflow.cli.watch;

import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;

/** Where a watched release is shown while it runs and when it ends. */
public interface WatchView {
  /** A fresh status from the {@code status} query. */
  void update(ReleaseStatus status);

  /** Something a person should know that is not the release's own story, e.g. no answer. */
  void warn(String message);

  /** The release closed with this result. */
  void finish(ReleaseResult result);

  /** The release workflow run failed (not a rollback: the run itself). */
  void failed(String message);

  /** No output at all while watching: for {@code --output json}, which prints the result alone. */
  static WatchView silent() {
    return new WatchView() {
      @Override
      public void update(ReleaseStatus status) {}

      @Override
      public void warn(String message) {}

      @Override
      public void finish(ReleaseResult result) {}

      @Override
      public void failed(String message) {}
    };
  }
}
