package dev.deployflow.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's flags, {@code --name=value}, with defaults sized to finish in under 10 minutes
 * on two busy cores.
 *
 * @param releases concurrent releases (and baselines) of each batch of the overhead run
 * @param rounds pairs of batches (releases, baselines) of the overhead run, alternating which goes first
 * @param warmup releases (and baselines) run first, unmeasured, to warm the JIT
 * @param reaction releases parked and approved one by one in the reaction run
 * @param breaches releases whose first analysis fails
 * @param parked releases parked at the gate in the scale run (0: no scale run)
 * @param cacheSize the worker's workflow cache (the SDK's default is 600)
 */
record Options(
    List<String> servers,
    List<String> scaleServers,
    int releases,
    int rounds,
    int warmup,
    int reaction,
    int breaches,
    int parked,
    int cacheSize,
    boolean week,
    boolean canary,
    boolean jfr,
    Path temporal,
    Path out) {

  static Options parse(String[] args) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("flags are --name=value, not " + arg);
      }
      given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    Options options = new Options(
        names(given.getOrDefault("servers", "test-server,dev-server")),
        names(given.getOrDefault("scale-servers", "test-server")),
        Integer.parseInt(given.getOrDefault("releases", "30")),
        Integer.parseInt(given.getOrDefault("rounds", "3")),
        Integer.parseInt(given.getOrDefault("warmup", "10")),
        Integer.parseInt(given.getOrDefault("reaction", "30")),
        Integer.parseInt(given.getOrDefault("breaches", "5")),
        Integer.parseInt(given.getOrDefault("parked", "2000")),
        Integer.parseInt(given.getOrDefault("cache-size", "600")),
        Boolean.parseBoolean(given.getOrDefault("week", "true")),
        Boolean.parseBoolean(given.getOrDefault("canary", "true")),
        Boolean.parseBoolean(given.getOrDefault("jfr", "true")),
        Path.of(given.getOrDefault("temporal", ".tools/temporal-1.9.1/temporal")),
        Path.of(given.getOrDefault("out", "bench/results")));
    given.keySet().removeAll(List.of("servers", "scale-servers", "releases", "rounds", "warmup", "reaction", "breaches", "parked",
        "cache-size", "week", "canary", "jfr", "temporal", "out"));
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("unknown flags " + given.keySet());
    }
    return options;
  }

  /** A comma-separated list; empty (or "none") for none. */
  private static List<String> names(String value) {
    return java.util.Arrays.stream(value.split(",")).map(String::trim)
        .filter(v -> !v.isEmpty() && !v.equals("none")).toList();
  }

  Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("servers", servers);
    out.put("scaleServers", scaleServers);
    out.put("releases", releases);
    out.put("rounds", rounds);
    out.put("warmup", warmup);
    out.put("reaction", reaction);
    out.put("breaches", breaches);
    out.put("parked", parked);
    out.put("workflowCacheSize", cacheSize);
    return out;
  }
}
