package dev.deployflow.pipeline;

import java.util.List;
import java.util.Map;

/**
 * How to read the version a component runs now: an HTTP JSON document and a JSON pointer into it,
 * or a command whose trimmed standard output is the version (seeing the worker variables named in
 * {@code env}, as every command does).
 */
public record VersionProbe(Http http, List<String> command, List<String> env) {

  /** A probe whose command sees none of the worker's own variables. */
  public VersionProbe(Http http, List<String> command) {
    this(http, command, null);
  }

  /** The HTTP form of the probe; redirects (same host only) are followed only when it says so. */
  public record Http(String url, String jsonPointer, Map<String, String> headers, Boolean followRedirects) {

    /** A probe that follows no redirect. */
    public Http(String url, String jsonPointer, Map<String, String> headers) {
      this(url, jsonPointer, headers, null);
    }
  }
}
