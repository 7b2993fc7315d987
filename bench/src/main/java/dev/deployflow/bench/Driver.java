package dev.deployflow.bench;

import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts releases (deployflow's and the baseline's) and approves them the moment they ask: the
 * instant notification activity tells the driver, which sends the approval from a pool of its own.
 * In parking mode it only counts the releases that wait at their gate.
 */
final class Driver implements AutoCloseable {
  static final String BASELINE_PREFIX = "b-";
  static final ApproveMessage APPROVAL = new ApproveMessage("bob", null, null);

  private final WorkflowClient client;
  private final ReleaseClient releases;
  private final String taskQueue;
  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private volatile boolean approveAtOnce = true;
  final AtomicInteger asked = new AtomicInteger();
  final AtomicInteger approved = new AtomicInteger();
  final AtomicInteger refused = new AtomicInteger();
  final Queue<String> parked = new ConcurrentLinkedQueue<>();
  final Queue<Double> approveMillis = new ConcurrentLinkedQueue<>();

  Driver(WorkflowClient client, String taskQueue, InstantActivities activities) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.releases = new ReleaseClient(client, taskQueue);
    activities.onApprovalAsked(this::asked);
  }

  ReleaseClient releases() {
    return releases;
  }

  /** Approve each release as soon as it asks (true), or let it wait at the gate (false). */
  void approveAtOnce(boolean value) {
    approveAtOnce = value;
  }

  private void asked(String application) {
    asked.incrementAndGet();
    if (!approveAtOnce) {
      parked.add(application);
      return;
    }
    pool.submit(() -> approve(application));
  }

  /** Approves the release (or baseline) of the application, and returns the update's latency in ms. */
  double approve(String application) {
    long started = System.nanoTime();
    if (application.startsWith(BASELINE_PREFIX)) {
      client.newWorkflowStub(BaselineWorkflow.class, baselineId(application)).approve("bob");
    } else {
      releases.approve(application, APPROVAL);
    }
    double ms = (System.nanoTime() - started) / 1e6;
    approveMillis.add(ms);
    approved.incrementAndGet();
    return ms;
  }

  /** Approves these applications from the pool, and waits until every approval has answered. */
  void approveAll(List<String> applications) {
    List<CompletableFuture<Double>> all = new ArrayList<>();
    for (String application : applications) {
      all.add(CompletableFuture.supplyAsync(() -> approve(application), pool));
    }
    all.forEach(CompletableFuture::join);
  }

  static String baselineId(String application) {
    return "baseline-" + application;
  }

  static ReleaseRequest request(String application) {
    return new ReleaseRequest(application, "2.0.0", "bench", ReleaseKind.STANDARD, null, "alice",
        List.of("a change"), null);
  }

  /** Starts deployflow's release of the application. */
  void startRelease(String application) {
    releases.start(request(application));
  }

  /** Starts the baseline run of the application. */
  void startBaseline(String application) {
    BaselineWorkflow baseline = client.newWorkflowStub(BaselineWorkflow.class, WorkflowOptions.newBuilder()
        .setTaskQueue(taskQueue).setWorkflowId(baselineId(application)).build());
    WorkflowClient.start(baseline::run, application);
  }

  /** The workflow id of the application's run. */
  static String workflowId(String application) {
    return application.startsWith(BASELINE_PREFIX) ? baselineId(application) : ReleaseRequest.workflowIdFor(application);
  }

  /**
   * Waits for every run to close and returns the outcomes of deployflow's releases (null for a
   * baseline), in order. Waiting lets the test server skip time.
   */
  List<ReleaseResult> awaitAll(List<String> applications, Duration timeout) {
    List<CompletableFuture<ReleaseResult>> futures = new ArrayList<>();
    for (String application : applications) {
      WorkflowStub stub = client.newUntypedWorkflowStub(workflowId(application));
      futures.add(application.startsWith(BASELINE_PREFIX)
          ? stub.getResultAsync(Void.class).thenApply(v -> null)
          : stub.getResultAsync(ReleaseResult.class));
    }
    List<ReleaseResult> results = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (CompletableFuture<ReleaseResult> f : futures) {
      try {
        results.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (Exception e) {
        throw new IllegalStateException("a run did not finish: " + e, e);
      }
    }
    return results;
  }

  /** Polls (real time) until the condition holds. */
  static void awaitCount(String what, AtomicInteger counter, int expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    int lastCount = counter.get();
    long lastChange = System.nanoTime();
    while (counter.get() < expected) {
      if (counter.get() != lastCount) {
        lastCount = counter.get();
        lastChange = System.nanoTime();
      }
      if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(90)) {
        throw new IllegalStateException(what + ": stuck at " + lastCount + " of " + expected + " for 90 s");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + ": only " + counter.get() + " of " + expected + " within " + timeout);
      }
      if (System.nanoTime() > nextReport) {
        Bench.progress("  " + what + ": " + counter.get() + " / " + expected);
        nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  void resetCounters() {
    asked.set(0);
    approved.set(0);
    parked.clear();
    approveMillis.clear();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  static String queue(String server, String phase) {
    return "bench-" + phase + "-" + server + "-" + DeploymentWorkflow.TASK_QUEUE;
  }
}
