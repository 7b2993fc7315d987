package dev.deployflow.activities.releaselog;

import dev.deployflow.activity.ReleaseLogActivities.PostMortem;

/**
 * Renders a post-mortem: what failed, when, what was undone, who decided, and the whole timeline,
 * followed by empty sections for the people who follow up (cause, actions). Every value is
 * escaped (see {@link Markdown}): it came from a person or a process.
 */
final class PostMortemMarkdown {
  private PostMortemMarkdown() {}

  static String render(PostMortem pm) {
    StringBuilder out = new StringBuilder();
    out.append("# Post-mortem: ").append(Markdown.inline(pm.application())).append(' ')
        .append(Markdown.inline(pm.version())).append(" — ").append(Markdown.orDash(pm.outcome())).append("\n\n");
    out.append("- Application: ").append(Markdown.orDash(pm.application())).append('\n');
    out.append("- Version: ").append(Markdown.orDash(pm.version())).append('\n');
    out.append("- Outcome: **").append(Markdown.orDash(pm.outcome())).append("**\n");
    out.append("- Started: ").append(Markdown.orDash(pm.startedAt())).append('\n');
    out.append("- Finished: ").append(Markdown.orDash(pm.finishedAt())).append('\n');
    if (pm.summary() != null && !pm.summary().isBlank()) {
      // A summary may quote a failure and its output: a code block shows it as it is.
      out.append("\n## Summary\n\n").append(Markdown.block(pm.summary()));
    }
    out.append("\n## What failed\n\n");
    Markdown.detailedBullets(out, pm.failures(), "(no failure recorded)");
    out.append("\n## What was undone\n\n");
    Markdown.compensations(out, pm.undone(), "(nothing was undone)");
    out.append("\n## Who decided\n\n");
    Markdown.bullets(out, pm.decidedBy(), "(automatic: no person decided)");
    out.append("\n## Timeline\n\n");
    Markdown.timeline(out, pm.timeline());
    out.append("\n## Root cause\n\n_To be written by the team._\n");
    out.append("\n## Follow-up actions\n\n_To be written by the team._\n");
    return out.toString();
  }
}
