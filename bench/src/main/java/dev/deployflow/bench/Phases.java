package dev.deployflow.bench;

import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The measured phases; each returns its figures by their result keys. */
final class Phases {
  private static final Duration LONG = Duration.ofMinutes(8);
  private static final Set<String> COMPENSATING_TYPES = Set.of("Deploy", "RunCommand");

  private final BenchServer.Session session;
  private final Driver driver;
  private final String tag;
  private long breachTasks = -1;

  Phases(BenchServer.Session session, Driver driver, String tag) {
    this.session = session;
    this.driver = driver;
    this.tag = tag;
  }

  private WorkflowClient client() {
    return session.client();
  }

  /** One release, whose histories the baseline script and the history figures come from. */
  HistoryTree oneRelease(String application) {
    return oneRelease(application, false);
  }

  /** As {@link #oneRelease(String)}; with {@code skipsTime}, the test server's clock is moved on. */
  HistoryTree oneRelease(String application, boolean skipsTime) {
    driver.resetCounters();
    driver.approveAtOnce(true);
    driver.startRelease(application);
    Driver.awaitCount("approval of " + application, driver.approved, 1, LONG);
    // A blocking wait: on the in-process test server it lets time skip to each next timer.
    ReleaseResult result = skipsTime
        ? client().newUntypedWorkflowStub(ReleaseRequest.workflowIdFor(application)).getResult(ReleaseResult.class)
        : driver.awaitAll(List.of(application), LONG).get(0);
    require(result, Outcome.SUCCEEDED);
    return HistoryTree.of(client(), ReleaseRequest.workflowIdFor(application));
  }

  /** Runs n releases (or baselines) at once, approved the moment they ask; returns seconds and CPU. */
  double[] batch(String prefix, int n, boolean baseline) {
    driver.resetCounters();
    driver.approveAtOnce(true);
    List<String> apps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      apps.add(prefix + tag + "-" + i);
    }
    double cpu = Stats.processCpuSeconds();
    long started = System.nanoTime();
    for (String app : apps) {
      if (baseline) {
        driver.startBaseline(app);
      } else {
        driver.startRelease(app);
      }
    }
    // Every approval is given before anything waits for a result: the test server skips time only
    // while someone waits for one, and must not skip a waiting gate to its timeout.
    Driver.awaitCount(prefix + " approvals", driver.approved, n, LONG);
    List<ReleaseResult> results = driver.awaitAll(apps, LONG);
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuUsed = Stats.processCpuSeconds() - cpu;
    if (!baseline) {
      results.forEach(r -> require(r, Outcome.SUCCEEDED));
    }
    return new double[] {seconds, cpuUsed};
  }

  /**
   * The overhead run: {@code rounds} pairs of batches of N releases and N baselines, in the order
   * ours, baseline, baseline, ours, ours, baseline, … so that a load that drifts over the run (a
   * shared machine) weighs on both sides alike; the ratio is of the totals.
   */
  Map<String, Object> overhead(int n, int warmup, int rounds) {
    Map<String, Object> out = new LinkedHashMap<>();
    batch("r-warm-", warmup, false);
    batch(Driver.BASELINE_PREFIX + "warm-", warmup, true);
    double[] ours = new double[2];
    double[] base = new double[2];
    List<Double> approvals = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      boolean oursFirst = round % 2 == 0;
      double[] a = oursFirst ? batch("r-run" + round + "-", n, false) : batch(Driver.BASELINE_PREFIX + "run" + round + "-", n, true);
      if (oursFirst) {
        approvals.addAll(driver.approveMillis);
      }
      double[] b = oursFirst ? batch(Driver.BASELINE_PREFIX + "run" + round + "-", n, true) : batch("r-run" + round + "-", n, false);
      if (!oursFirst) {
        approvals.addAll(driver.approveMillis);
      }
      double[] o = oursFirst ? a : b;
      double[] x = oursFirst ? b : a;
      ours[0] += o[0];
      ours[1] += o[1];
      base[0] += x[0];
      base[1] += x[1];
      ratios.add(o[0] / x[0]);
    }
    n = n * rounds;
    out.put("overheadRatioPerRound", ratios.stream().map(r -> Stats.round(r, 3)).toList());
    out.put("releases", n);
    out.put("releasesPerSecond", Stats.round(n / ours[0], 2));
    out.put("baselinePerSecond", Stats.round(n / base[0], 2));
    out.put("overheadRatio", Stats.round(ours[0] / base[0], 3));
    out.put("cpuSecondsPerRelease", Stats.round(ours[1] / n, 4));
    out.put("cpuSecondsPerBaseline", Stats.round(base[1] / n, 4));
    out.put("cpuRatio", Stats.round(ours[1] / base[1], 3));
    out.put("approveUnderLoadP50Ms", Stats.round(Stats.percentile(approvals, 50), 1));
    out.put("approveUnderLoadP99Ms", Stats.round(Stats.percentile(approvals, 99), 1));
    // Where the CPU goes: the workflow tasks and events each kind of run needs (a sample of ten).
    int sample = Math.min(10, n);
    double[] oursTasks = tasks("r-run0-", sample, false);
    double[] baseTasks = tasks(Driver.BASELINE_PREFIX + "run0-", sample, true);
    out.put("workflowTasksPerRelease", Stats.round(oursTasks[0], 1));
    out.put("workflowTasksPerBaseline", Stats.round(baseTasks[0], 1));
    out.put("eventsPerReleaseAllRuns", Stats.round(oursTasks[1], 1));
    out.put("eventsPerBaseline", Stats.round(baseTasks[1], 1));
    out.put("childRunsPerRelease", Stats.round(oursTasks[2], 1));
    out.put("answerWaitTimersPerRelease", Stats.round(oursTasks[3], 2));
    return out;
  }

  /** Mean workflow tasks, events, child runs and answer-wait timers over the first runs of a batch. */
  private double[] tasks(String prefix, int sample, boolean baseline) {
    double[] sums = new double[4];
    for (int i = 0; i < sample; i++) {
      String app = prefix + tag + "-" + i;
      HistoryTree tree = baseline
          ? new HistoryTree(List.of(new HistoryTree.Run(BaselineWorkflow.TYPE, Driver.baselineId(app), null, true,
              client().fetchHistory(Driver.baselineId(app)).getEvents())))
          : HistoryTree.of(client(), ReleaseRequest.workflowIdFor(app));
      for (HistoryTree.Run run : tree.runs()) {
        for (HistoryEvent e : run.events()) {
          if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
            sums[0]++;
          }
          if (isAnswerWait(e)) {
            sums[3]++;
          }
        }
        sums[1] += run.events().size();
      }
      sums[2] += tree.runs().size() - 1;
    }
    for (int i = 0; i < sums.length; i++) {
      sums[i] /= sample;
    }
    return sums;
  }

  private static boolean isAnswerWait(HistoryEvent e) {
    return e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED
        && e.getUserMetadata().getSummary().getData().toString(StandardCharsets.UTF_8).contains("answer to the");
  }

  /** m releases parked at their gate: status queries, then one approval after another. */
  Map<String, Object> reaction(int m) {
    driver.resetCounters();
    driver.approveAtOnce(false);
    List<String> apps = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      apps.add("r-react-" + tag + "-" + i);
      driver.startRelease(apps.get(i));
    }
    Driver.awaitCount("parked for the reaction run", driver.asked, m, LONG);
    sleepReal(Duration.ofSeconds(1));
    List<Double> queries = new ArrayList<>();
    List<Double> approvals = new ArrayList<>();
    for (String app : apps) {
      for (int q = 0; q < 3; q++) {
        long started = System.nanoTime();
        driver.releases().status(app);
        queries.add((System.nanoTime() - started) / 1e6);
      }
      approvals.add(driver.approve(app));
    }
    driver.awaitAll(apps, LONG).forEach(r -> require(r, Outcome.SUCCEEDED));
    driver.approveAtOnce(true);
    int answerWaits = 0;
    List<Double> serverSide = new ArrayList<>();
    List<Double> scheduleToStart = new ArrayList<>();
    List<Double> startToComplete = new ArrayList<>();
    for (String app : apps) {
      List<HistoryEvent> events = client().fetchHistory(ReleaseRequest.workflowIdFor(app)).getEvents();
      long accepted = -1;
      long taskScheduled = -1;
      long taskStarted = -1;
      long taskCompleted = -1;
      for (HistoryEvent e : events) {
        switch (e.getEventType()) {
          case EVENT_TYPE_WORKFLOW_TASK_SCHEDULED -> taskScheduled = HistoryTree.millis(e);
          case EVENT_TYPE_WORKFLOW_TASK_STARTED -> taskStarted = HistoryTree.millis(e);
          case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> taskCompleted = HistoryTree.millis(e);
          default -> { }
        }
        if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
          accepted = HistoryTree.millis(e);
          // The workflow task that accepted the approval: how long it queued, and how long the
          // worker took to run it.
          scheduleToStart.add((double) (taskStarted - taskScheduled));
          startToComplete.add((double) (taskCompleted - taskStarted));
        } else if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED && accepted >= 0) {
          serverSide.add((double) (HistoryTree.millis(e) - accepted));
        } else if (isAnswerWait(e)) {
          answerWaits++;
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("reactionReleases", m);
    out.put("approveUpdateP50Ms", Stats.round(Stats.percentile(approvals, 50), 1));
    out.put("approveUpdateP99Ms", Stats.round(Stats.percentile(approvals, 99), 1));
    out.put("approveUpdateMaxMs", Stats.round(Stats.percentile(approvals, 100), 1));
    out.put("approveAcceptedToCompletedP50Ms", Stats.round(Stats.percentile(serverSide, 50), 1));
    out.put("approveAnswerWaitTimers", answerWaits);
    out.put("approveTaskScheduleToStartP50Ms", Stats.round(Stats.percentile(scheduleToStart, 50), 1));
    out.put("approveTaskStartToCompleteP50Ms", Stats.round(Stats.percentile(startToComplete, 50), 1));
    out.put("statusQueryP50Ms", Stats.round(Stats.percentile(queries, 50), 1));
    out.put("statusQueryP99Ms", Stats.round(Stats.percentile(queries, 99), 1));
    List<Double> bare = baselineApprovals(m);
    out.put("baselineApproveP50Ms", Stats.round(Stats.percentile(bare, 50), 1));
    out.put("baselineApproveP99Ms", Stats.round(Stats.percentile(bare, 99), 1));
    return out;
  }

  /**
   * The same approvals of baselines parked at their gate, one by one: what an update costs on this
   * server with no deployflow logic behind it (the baseline's handler sets a flag and answers).
   */
  private List<Double> baselineApprovals(int m) {
    driver.resetCounters();
    driver.approveAtOnce(false);
    List<String> apps = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      apps.add(Driver.BASELINE_PREFIX + "react-" + tag + "-" + i);
      driver.startBaseline(apps.get(i));
    }
    Driver.awaitCount("baselines parked for the reaction run", driver.asked, m, LONG);
    sleepReal(Duration.ofSeconds(1));
    List<Double> approvals = new ArrayList<>();
    for (String app : apps) {
      approvals.add(driver.approve(app));
    }
    driver.awaitAll(apps, LONG);
    driver.approveAtOnce(true);
    return approvals;
  }

  /**
   * The answer wait: k releases, one after another, approved while their approval notification is
   * still running ({@link InstantActivities#SLOW_NOTIFY_PREFIX}). Each update is accepted at once
   * and starts the answer-wait timer; it answers when the release has left the gate.
   */
  Map<String, Object> answerWait(int k) {
    List<Double> latencies = new ArrayList<>();
    int timers = 0;
    for (int i = 0; i < k; i++) {
      driver.resetCounters();
      driver.approveAtOnce(true);
      String app = InstantActivities.SLOW_NOTIFY_PREFIX + tag + "-" + i;
      driver.startRelease(app);
      Driver.awaitCount("approval of " + app, driver.approved, 1, LONG);
      latencies.addAll(driver.approveMillis);
      driver.awaitAll(List.of(app), LONG).forEach(r -> require(r, Outcome.SUCCEEDED));
      for (HistoryEvent e : client().fetchHistory(ReleaseRequest.workflowIdFor(app)).getEvents()) {
        if (isAnswerWait(e)) {
          timers++;
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("approveDuringNotificationP50Ms", Stats.round(Stats.percentile(latencies, 50), 1));
    out.put("approveDuringNotificationAnswerWaitTimers", timers);
    out.put("approveDuringNotificationReleases", k);
    return out;
  }

  /**
   * Releases whose first rollout analysis fails: the time from the failing measurement (its local
   * activity marker, in the release or its analysis child) to the first compensation activity, from
   * the servers' event timestamps.
   */
  Map<String, Object> breach(int k) {
    driver.resetCounters();
    driver.approveAtOnce(true);
    List<String> apps = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      apps.add(InstantActivities.BREACH_PREFIX + tag + "-" + i);
      driver.startRelease(apps.get(i));
    }
    Driver.awaitCount("breach approvals", driver.approved, k, LONG);
    driver.awaitAll(apps, LONG).forEach(r -> require(r, Outcome.ROLLED_BACK));
    List<Double> delays = new ArrayList<>();
    for (String app : apps) {
      HistoryTree tree = HistoryTree.of(client(), ReleaseRequest.workflowIdFor(app));
      long failed = -1;
      for (HistoryTree.Run run : tree.runs()) {
        // A short analysis measures in the release itself (its only markers are those reads), a
        // long one in its child.
        if (!run.root() && !run.workflowType().equals("RolloutAnalysisWorkflow")) {
          continue;
        }
        for (HistoryEvent e : run.events()) {
          if (e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED && (failed < 0 || HistoryTree.millis(e) < failed)) {
            failed = HistoryTree.millis(e);
            break;
          }
        }
      }
      long compensation = -1;
      for (HistoryEvent e : tree.allByTime()) {
        if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED && HistoryTree.millis(e) >= failed
            && COMPENSATING_TYPES.contains(e.getActivityTaskScheduledEventAttributes().getActivityType().getName())) {
          compensation = HistoryTree.millis(e);
          break;
        }
      }
      if (failed >= 0 && compensation >= 0) {
        delays.add((double) (compensation - failed));
        if (app.endsWith("-0")) {
          // What happened in between, for the note: how many workflow tasks the rollback waited for.
          long from = failed;
          long to = compensation;
          long tasks = tree.allByTime().stream().filter(e -> HistoryTree.millis(e) >= from && HistoryTree.millis(e) <= to
              && e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED).count();
          Bench.progress("  breach " + app + ": " + tasks + " workflow tasks between the failing measurement and the first compensation");
          breachTasks = tasks;
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("breachReleases", k);
    out.put("breachToRollbackMs", Stats.round(Stats.percentile(delays, 50), 1));
    out.put("breachToRollbackMaxMs", Stats.round(Stats.percentile(delays, 100), 1));
    out.put("breachToRollbackWorkflowTasks", breachTasks);
    return out;
  }

  /** p releases parked at the gate; the heap per parked release; then all approved and finished. */
  Map<String, Object> scale(int p, int cacheSize) {
    driver.resetCounters();
    driver.approveAtOnce(false);
    long before = Stats.heapAfterGc();
    long started = System.nanoTime();
    java.util.concurrent.ExecutorService starters = java.util.concurrent.Executors.newFixedThreadPool(4);
    List<String> apps = new ArrayList<>();
    for (int i = 0; i < p; i++) {
      apps.add(InstantActivities.PARK_PREFIX + tag + "-" + i);
    }
    apps.forEach(app -> starters.submit(() -> driver.startRelease(app)));
    starters.shutdown();
    Driver.awaitCount("parked", driver.asked, p, LONG);
    double parkSeconds = (System.nanoTime() - started) / 1e9;
    sleepReal(Duration.ofSeconds(2));
    long after = Stats.heapAfterGc();
    Bench.progress("  " + p + " parked in " + Math.round(parkSeconds) + " s; heap after GC " + (after >> 20) + " MiB (before "
        + (before >> 20) + " MiB); approving all");
    long approving = System.nanoTime();
    Thread reporter = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        sleepReal(Duration.ofSeconds(15));
        Bench.progress("  approved: " + driver.approved.get() + " / " + p);
      }
    });
    reporter.setDaemon(true);
    reporter.start();
    driver.approveAll(apps);
    reporter.interrupt();
    List<ReleaseResult> results = driver.awaitAll(apps, LONG);
    double completeSeconds = (System.nanoTime() - approving) / 1e9;
    long succeeded = results.stream().filter(r -> r.outcome() == Outcome.SUCCEEDED).count();
    driver.approveAtOnce(true);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("parkedReleases", p);
    out.put("workflowCacheSize", cacheSize);
    out.put("parkSeconds", Stats.round(parkSeconds, 1));
    out.put("heapBytesBefore", before);
    out.put("heapBytesParked", after);
    out.put("heapBytesPerParkedRelease", Math.round((after - before) / (double) p));
    out.put("approvedAndSucceeded", succeeded);
    out.put("approveAllToCompletedSeconds", Stats.round(completeSeconds, 1));
    return out;
  }

  /** History sizes: a standard release, a 7-day window with 1-minute checks, a long canary. */
  Map<String, Object> history(HistoryTree standard, boolean week, boolean canary) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("eventsPerStandardRelease", standard.rootEvents().size());
    out.put("eventsPerStandardReleaseAllRuns", standard.runs().stream().mapToInt(r -> r.events().size()).sum());
    if (week) {
      long started = System.nanoTime();
      HistoryTree tree = oneRelease(InstantActivities.WEEK_PREFIX + tag, true);
      out.put("eventsLargestRunSevenDayWindow", tree.largestRun());
      out.put("sevenDayWindowParentEvents", tree.rootEvents().size());
      out.put("sevenDayWindowRuns", tree.runs().size());
      out.put("sevenDayWindowSeconds", Stats.round((System.nanoTime() - started) / 1e9, 1));
    }
    if (canary) {
      long started = System.nanoTime();
      HistoryTree tree = oneRelease(InstantActivities.CANARY_PREFIX + tag, true);
      out.put("longCanaryParentEvents", tree.rootEvents().size());
      out.put("longCanaryLargestRun", tree.largestRun());
      out.put("longCanarySeconds", Stats.round((System.nanoTime() - started) / 1e9, 1));
    }
    return out;
  }

  private static void require(ReleaseResult result, Outcome expected) {
    if (result == null || result.outcome() != expected) {
      throw new IllegalStateException("expected " + expected + " but got " + result);
    }
  }

  private static void sleepReal(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
