package dev.deployflow.bench;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

/** Runs one release on the test server and prints its histories (development aid). */
public final class Probe {
  public static void main(String[] args) throws Exception {
    Path work = Path.of("bench/target/work");
    InstantActivities activities = new InstantActivities(Workers.benchPipeline(work));
    try (BenchServer server = new BenchServer.TestServer(work.resolve("test-server.log"), "512m");
         BenchServer.Session session = server.session(WorkerFactoryOptions.getDefaultInstance())) {
      Workers.register(session, "bench-probe", activities);
      ReleaseClient releases = new ReleaseClient(session.client(), "bench-probe");
      var pool = Executors.newSingleThreadExecutor();
      activities.onApprovalAsked(app -> pool.submit(() -> releases.approve(app, new ApproveMessage("bob", null, null))));
      session.factory().start();
      String app = args.length > 0 ? args[0] : "probe-1";
      releases.start(new ReleaseRequest(app, "2.0.0", "bench", ReleaseKind.STANDARD, null, "alice", List.of("a change"), null));
      System.out.println(releases.awaitResult(app, Duration.ofMinutes(2)));
      HistoryTree tree = HistoryTree.of(session.client(), ReleaseRequest.workflowIdFor(app));
      System.out.println(tree.describe());
      java.util.Map<String, Integer> bytes = new java.util.TreeMap<>();
      int total = 0;
      for (HistoryTree.Run run : tree.runs()) {
        for (var e : run.events()) {
          String key = run.workflowType() + " " + e.getEventType().name().replace("EVENT_TYPE_", "")
              + (e.hasActivityTaskScheduledEventAttributes() ? " " + e.getActivityTaskScheduledEventAttributes().getActivityType().getName() : "");
          bytes.merge(key, e.getSerializedSize(), Integer::sum);
          total += e.getSerializedSize();
        }
      }
      System.out.println("TOTAL BYTES " + total);
      bytes.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed()).limit(25)
          .forEach(en -> System.out.println("BYTES " + en.getValue() + " " + en.getKey()));
      pool.shutdown();
    }
  }
}
