package dev.deployflow.plan;

import dev.deployflow.pipeline.FreezeSpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One of an environment's own freezes (the pipeline's {@code freezes:}), parsed: it holds from
 * {@code from} (inclusive) to {@code to} (exclusive). Pure, so that a release may judge which of
 * them hold it at its own time; two equal declarations are the same freeze.
 */
public record PipelineFreeze(Instant from, Instant to, String reason) {

  /**
   * Parses one declaration.
   *
   * @throws IllegalArgumentException when it does not parse (a pipeline that
   *     {@link dev.deployflow.pipeline.PipelineValidator} accepts never has such a freeze)
   */
  public static PipelineFreeze parse(FreezeSpec spec) {
    if (spec == null || spec.from() == null || spec.to() == null) {
      throw new IllegalArgumentException("freezes: every freeze needs from and to");
    }
    try {
      return new PipelineFreeze(Instant.parse(spec.from().trim()), Instant.parse(spec.to().trim()), spec.reason());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("freezes: '" + spec.from() + "'/'" + spec.to()
          + "' are not ISO-8601 instants", e);
    }
  }

  /** Parses every declaration; null reads as none. */
  public static List<PipelineFreeze> parseAll(List<FreezeSpec> specs) {
    List<PipelineFreeze> parsed = new ArrayList<>();
    if (specs != null) {
      specs.forEach(spec -> parsed.add(parse(spec)));
    }
    return parsed;
  }

  /** Whether it holds at {@code t}. */
  public boolean covers(Instant t) {
    return !t.isBefore(from) && t.isBefore(to);
  }

  /** As a person reads it: {@code freeze 'holidays' until 2027-01-04T00:00:00Z}. */
  public String describe() {
    String name = reason == null || reason.isBlank() ? "" : " '" + reason + "'";
    return "freeze" + name + " until " + to;
  }
}
