package dev.deployflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.deployflow.activity.MetricActivities.MeasureRequest;
import dev.deployflow.pipeline.Pipeline;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark of README "Performance": overhead against a baseline, reaction times, scale at
 * the approval gate and history sizes, on the Java test server and on the real Temporal dev
 * server. It prints every figure and writes {@code latest.json} and {@code latest.md}; it asserts
 * nothing. Flags ({@code --name=value}) scale the runs; see {@link Options}.
 */
public final class Bench {
  private static final long START = System.nanoTime();

  private Bench() {}

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Files.createDirectories(options.out());
    Path work = Path.of("bench/target/work");
    Pipeline pipeline = Workers.benchPipeline(work);
    InstantActivities activities = new InstantActivities(pipeline);
    String localMeasure = new ObjectMapper().writeValueAsString(new MeasureRequest("error-rate",
        pipeline.analysis().get("error-rate"), Map.of("application", BaselineScript.APP, "version", "2.0.0",
            "environment", "production")));
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("machine", Machine.describe(options));
    results.put("options", options.describe());
    Map<String, Object> servers = new LinkedHashMap<>();
    results.put("servers", servers);
    List<String> profiles = new ArrayList<>();
    for (String name : options.servers()) {
      progress("== " + name);
      try (BenchServer server = start(name, options, work)) {
        Map<String, Object> figures = new LinkedHashMap<>();
        servers.put(name, figures);
        String queue = Driver.queue(name, "run");
        try (BenchServer.Session session = server.session(WorkerFactoryOptions.newBuilder()
                 .setWorkflowCacheSize(options.cacheSize()).build());
             Driver driver = new Driver(session.client(), queue, activities)) {
          Workers.register(session, queue, activities);
          session.factory().start();
          Phases phases = new Phases(session, driver, name);
          HistoryTree standard = phases.oneRelease("r-first-" + name);
          progress("  first release done");
          BaselineScript.current = BaselineScript.from(standard, "r-first-" + name, localMeasure);
          progress("  baseline script: " + BaselineScript.current.describe());
          Profiler profiler = options.jfr() ? new Profiler(work.resolve(name + ".jfr")) : null;
          progress("  overhead: " + options.rounds() + " rounds of " + options.releases() + " releases at once and as many baselines");
          figures.putAll(phases.overhead(options.releases(), options.warmup(), options.rounds()));
          progress("  " + figures);
          progress("  reaction: " + options.reaction() + " releases parked, then approved one by one");
          figures.putAll(phases.reaction(options.reaction()));
          progress("  answer wait: " + options.breaches() + " releases approved during their approval notification");
          figures.putAll(phases.answerWait(options.breaches()));
          progress("  breach: " + options.breaches() + " releases whose first analysis fails");
          figures.putAll(phases.breach(options.breaches()));
          if (profiler != null) {
            profiles.add(profiler.stopAndSummarize(name + ": overhead and reaction runs"));
            profiler.close();
          }
          figures.put("eventsPerStandardRelease", standard.rootEvents().size());
          figures.put("eventsPerStandardReleaseAllRuns", standard.runs().stream().mapToInt(r -> r.events().size()).sum());
          progress("  the standard release's own events by type: " + HistoryTree.byType(standard.rootEvents()));
          progress("  what woke it for each workflow task: " + HistoryTree.wakeUps(standard.rootEvents()));
          progress("  " + figures);
        }
        if (options.scaleServers().contains(name) && options.parked() > 0) {
          String scaleQueue = Driver.queue(name, "scale");
          progress("  scale: " + options.parked() + " releases parked at the gate (workflow cache " + options.cacheSize() + ")");
          try (BenchServer.Session session = server.session(WorkerFactoryOptions.newBuilder()
                   .setWorkflowCacheSize(options.cacheSize()).build());
               Driver driver = new Driver(session.client(), scaleQueue, activities)) {
            Workers.register(session, scaleQueue, activities);
            session.factory().start();
            figures.putAll(new Phases(session, driver, name).scale(options.parked(), options.cacheSize()));
          }
          progress("  " + figures);
        }
      }
    }
    if (options.week() || options.canary()) {
      progress("== history sizes on the in-process test server (7-day window, long canary)");
      String queue = Driver.queue("in-process", "history");
      try (BenchServer.Session session = BenchServer.inProcess();
           Driver driver = new Driver(session.client(), queue, activities)) {
        Workers.register(session, queue, activities);
        session.factory().start();
        Phases phases = new Phases(session, driver, "in-process");
        HistoryTree standard = phases.oneRelease("r-first-in-process", true);
        Map<String, Object> history = phases.history(standard, options.week(), options.canary());
        progress("  " + history);
        for (Object figures : servers.values()) {
          history.forEach((k, v) -> ((Map<String, Object>) figures).putIfAbsent(k, v));
        }
        results.put("history", history);
      }
    }
    results.put("finishedAt", Instant.now().toString());
    results.put("seconds", Math.round((System.nanoTime() - START) / 1e9));
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(options.out().resolve("latest.json"), json.writeValueAsString(results) + "\n");
    String table = Report.markdown(results);
    Files.writeString(options.out().resolve("latest.md"), table);
    if (!profiles.isEmpty()) {
      Files.writeString(options.out().resolve("profile-samples.md"), "# JFR execution samples of the latest run\n\n"
          + "Written by the benchmark (see profile.md for what they mean).\n\n" + String.join("\n", profiles));
    }
    System.out.println();
    System.out.println(table);
    progress("wrote " + options.out().resolve("latest.json") + " and latest.md");
    System.exit(0);
  }

  private static BenchServer start(String name, Options options, Path work) throws IOException {
    return switch (name) {
      case "test-server" -> new BenchServer.TestServer(work.resolve("test-server.log"), "1g");
      case "dev-server" -> new BenchServer.DevServer(options.temporal(), work.resolve("dev-server"));
      default -> throw new IllegalArgumentException("unknown server " + name + "; use " + BenchServer.names());
    };
  }

  static void progress(String line) {
    System.out.printf("[%4ds] %s%n", (System.nanoTime() - START) / 1_000_000_000L, line);
    System.out.flush();
  }
}
