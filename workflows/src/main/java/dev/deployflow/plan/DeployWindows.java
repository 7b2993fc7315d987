package dev.deployflow.plan;

import dev.deployflow.pipeline.Environment;
import dev.deployflow.pipeline.FreezeSpec;
import dev.deployflow.pipeline.WindowSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a deploy may start at a given instant: inside the environment's deploy window
 * and outside every freeze, and if not, when. Pure: the caller passes {@code now} (in a workflow,
 * {@code Workflow.currentTimeMillis()}), so the same arguments always give the same decision.
 */
public final class DeployWindows {

  /** How far ahead an opening is searched for; a window that a freeze closes longer is reported as such. */
  public static final Duration SEARCH_LIMIT = Duration.ofDays(400);

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);

  private DeployWindows() {}

  /** {@link #check(Instant, WindowSpec, List)} with the environment's window and freezes. */
  public static WindowDecision check(Instant now, Environment environment) {
    return check(now, environment.window(), environment.freezes());
  }

  /**
   * Decides whether a deploy may start at {@code now}.
   *
   * <p>A null window is always open; freezes still apply. A freeze holds from its {@code from}
   * (inclusive) to its {@code to} (exclusive); a freeze that ends outside the window holds the
   * deploy until the window next opens. The search looks {@link #SEARCH_LIMIT} ahead and says so
   * when it finds no opening.
   *
   * @throws IllegalArgumentException when the window or a freeze does not parse (a pipeline that
   *     {@link dev.deployflow.pipeline.PipelineValidator} accepts never does)
   */
  public static WindowDecision check(Instant now, WindowSpec window, List<FreezeSpec> freezes) {
    DeployWindow parsed = window == null ? null : DeployWindow.parse(window);
    List<PipelineFreeze> frozen = PipelineFreeze.parseAll(freezes);
    Instant limit = now.plus(SEARCH_LIMIT);
    Set<String> obstacles = new LinkedHashSet<>();
    Instant t = now;
    while (true) {
      PipelineFreeze freeze = coveringLongest(frozen, t);
      if (freeze != null) {
        obstacles.add(freeze.describe());
        t = freeze.to();
      } else if (parsed != null) {
        DeployWindow.Opening opening = parsed.openingAtOrAfter(t);
        if (opening == null) {
          return new WindowDecision(false, null, "deploy window " + parsed.describe() + " never opens");
        }
        if (!opening.start().isAfter(t)) {
          break;
        }
        obstacles.add("outside deploy window " + parsed.describe());
        t = opening.start();
      } else {
        break;
      }
      if (t.isAfter(limit)) {
        return new WindowDecision(false, null, String.join(", then ", obstacles)
            + "; no opening found within " + SEARCH_LIMIT.toDays() + " days (the search stops there)");
      }
    }
    if (t.equals(now)) {
      return new WindowDecision(true, now,
          parsed == null ? "no deploy window and no freeze" : "inside deploy window " + parsed.describe());
    }
    String reason = String.join(", then ", obstacles);
    if (parsed != null) {
      reason += "; opens " + LOCAL.format(t.atZone(parsed.zone()));
    }
    return new WindowDecision(false, t, reason);
  }

  /** Of the freezes that hold at {@code t}, the one that ends last; null when none holds. */
  private static PipelineFreeze coveringLongest(List<PipelineFreeze> freezes, Instant t) {
    PipelineFreeze longest = null;
    for (PipelineFreeze freeze : freezes) {
      if (freeze.covers(t) && (longest == null || freeze.to().isAfter(longest.to()))) {
        longest = freeze;
      }
    }
    return longest;
  }
}
