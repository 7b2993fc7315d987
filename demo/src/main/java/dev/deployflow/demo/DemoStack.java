package dev.deployflow.demo;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.demo.target.DemoTarget;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.worker.config.DeployflowProperties.EmbeddedKind;
import dev.deployflow.worker.temporal.EmbeddedTemporal;
import dev.deployflow.worker.temporal.TemporalConnection;
import dev.deployflow.worker.WorkerApplication;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Everything the demo runs on, in this process: the demo target, and the real deployflow worker
 * (Spring Boot) with its embedded Temporal (the Temporal CLI's dev server, a child process, or
 * the in-process test server), configured to deploy to the target. Closing the stack
 * stops the worker, then the target, and releases every port.
 */
public final class DemoStack implements AutoCloseable {
  /** The application of the bundled demo pipeline. */
  public static final String APPLICATION = "demo-shop";

  private final Settings settings;
  private final DemoTarget target;
  private final ConfigurableApplicationContext worker;
  private final int httpPort;
  private final String signingSecret;
  private final WorkflowServiceStubs serviceStubs;
  private final WorkflowClient workflowClient;
  private final ReleaseClient releaseClient;

  /**
   * Where the demo runs and how.
   *
   * @param pipelinesDir the directory holding {@code demo-shop.yaml}
   * @param workDir where pipeline commands run and {@code var/} is written; it must hold
   *     {@code demo/ci/}
   * @param temporalPort the embedded Temporal's port
   * @param workerLog where the worker's log goes; the console shows its warnings only
   * @param temporalKind which embedded Temporal the worker runs: the dev server (durable, with
   *     the Temporal UI) or the in-process test server
   * @param uiPort the dev server's Temporal UI port
   */
  public record Settings(
      Path pipelinesDir,
      Path workDir,
      int temporalPort,
      Path workerLog,
      EmbeddedKind temporalKind,
      int uiPort) {
    public Settings {
      Objects.requireNonNull(pipelinesDir, "pipelinesDir");
      Objects.requireNonNull(workDir, "workDir");
      Objects.requireNonNull(workerLog, "workerLog");
      Objects.requireNonNull(temporalKind, "temporalKind");
    }

    /** The demo on the in-process, in-memory test server (no Temporal CLI needed). */
    public Settings(Path pipelinesDir, Path workDir, int temporalPort, Path workerLog) {
      this(pipelinesDir, workDir, temporalPort, workerLog, EmbeddedKind.TEST_SERVER, -1);
    }

    /**
     * The dev server's SQLite file. Each demo starts on a fresh one, so that a release an
     * interrupted demo left running never blocks the next demo's release of the same id.
     */
    public Path temporalDb() {
      return workDir.resolve("var/demo/temporal/dev.db");
    }

    /** The JSON-lines release log the worker appends to. */
    public Path releaseLog() {
      return workDir.resolve("var/release-log.jsonl");
    }

    /** The Markdown release history the worker renders beside the log. */
    public Path releaseHistory() {
      return workDir.resolve("var/release-history.md");
    }

    /** Where the worker writes post-mortems. */
    public Path postMortemDir() {
      return workDir.resolve("var/post-mortems");
    }
  }

  private DemoStack(
      Settings settings,
      DemoTarget target,
      ConfigurableApplicationContext worker,
      String signingSecret,
      WorkflowServiceStubs serviceStubs) {
    this.settings = settings;
    this.target = target;
    this.worker = worker;
    this.httpPort = Integer.parseInt(worker.getEnvironment().getProperty("local.server.port", "-1"));
    this.signingSecret = signingSecret;
    this.serviceStubs = serviceStubs;
    this.workflowClient =
        WorkflowClient.newInstance(
            serviceStubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    this.releaseClient = new ReleaseClient(workflowClient, DeploymentWorkflow.TASK_QUEUE);
  }

  /** Starts the target on a free port, then the worker and its embedded Temporal. */
  public static DemoStack start(Settings settings) throws IOException {
    Files.createDirectories(settings.workDir().resolve("var/demo"));
    if (settings.temporalKind() == EmbeddedKind.DEV_SERVER) {
      Files.deleteIfExists(settings.temporalDb());
      Files.deleteIfExists(settings.temporalDb().resolveSibling("dev.db-shm"));
      Files.deleteIfExists(settings.temporalDb().resolveSibling("dev.db-wal"));
    }
    DemoTarget target = DemoTarget.start(0);
    ConfigurableApplicationContext worker = null;
    try {
      String secret = newSecret();
      worker = startWorker(settings, target, secret);
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(temporalAddress(settings.temporalPort()))
                  .build());
      return new DemoStack(settings, target, worker, secret, stubs);
    } catch (RuntimeException e) {
      if (worker != null) {
        worker.close();
      }
      target.close();
      throw e;
    }
  }

  private static ConfigurableApplicationContext startWorker(
      Settings settings, DemoTarget target, String secret) {
    List<String> args = new ArrayList<>();
    // Command-line arguments outrank the environment, so a TEMPORAL_ADDRESS set in the shell
    // cannot send the demo to a real cluster: the demo always runs on its own embedded Temporal.
    args.add("--spring.temporal.connection.target=");
    args.add("--deployflow.embedded.port=" + settings.temporalPort());
    args.add("--deployflow.embedded.kind="
        + settings.temporalKind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    args.add("--deployflow.embedded.ui-port=" + settings.uiPort());
    args.add("--deployflow.embedded.db-file=" + settings.temporalDb().toAbsolutePath());
    args.add("--deployflow.pipelines-dir=" + settings.pipelinesDir().toAbsolutePath());
    args.add("--deployflow.work-dir=" + settings.workDir().toAbsolutePath());
    args.add("--deployflow.release-log=" + settings.releaseLog().toAbsolutePath());
    args.add("--deployflow.post-mortem-dir=" + settings.postMortemDir().toAbsolutePath());
    // Brackets keep the map key exact; without them Spring would drop the underscores.
    args.add("--deployflow.environment[DEMO_TARGET_URL]=" + target.url());
    args.add("--deployflow.chat.signing-secret=" + secret);
    args.addAll(DemoCredentials.workerArguments());
    args.add("--server.port=0");
    args.add("--server.address=127.0.0.1");
    // The console belongs to the release's live view; the worker's full log goes to a file.
    args.add("--logging.file.name=" + settings.workerLog().toAbsolutePath());
    args.add("--logging.threshold.console=WARN");
    // Spring's appenders, but the worker's notice of an in-memory Temporal stays in the file: the
    // demo announces it in one line of its own.
    args.add("--logging.config=classpath:dev/deployflow/demo/worker-logback.xml");
    // The embedded test server has no worker heartbeats; the SDK's warning about it is noise here.
    args.add("--logging.level.io.temporal.internal.worker.HeartbeatManager=ERROR");
    SpringApplication application = new SpringApplication(WorkerApplication.class);
    application.setBannerMode(Banner.Mode.OFF);
    application.setLogStartupInfo(false);
    return application.run(args.toArray(String[]::new));
  }

  private static String newSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** {@code 127.0.0.1:<port>}, the form the command line's {@code --temporal} takes. */
  public static String temporalAddress(int port) {
    return "127.0.0.1:" + port;
  }

  public Settings settings() {
    return settings;
  }

  public DemoTarget target() {
    return target;
  }

  /** The embedded Temporal's address, such as {@code 127.0.0.1:7233}. */
  public String temporalAddress() {
    return temporalAddress(settings.temporalPort());
  }

  /** The Temporal UI of the demo's dev server; empty on the test server. */
  public Optional<String> temporalUiUrl() {
    return worker.getBean(TemporalConnection.class).embedded().flatMap(EmbeddedTemporal::uiUrl);
  }

  /** What the demo's Temporal is, as the worker describes it. */
  public String temporalDescription() {
    return worker.getBean(TemporalConnection.class).mode();
  }

  /**
   * The Temporal UI page of the latest run of the demo's release, such as
   * {@code http://127.0.0.1:8233/namespaces/default/workflows/deploy-demo-shop/<runId>}; empty on
   * the test server, which has no UI.
   */
  public Optional<String> releaseUiLink() {
    return releaseUiLink(APPLICATION);
  }

  /** The Temporal UI page of the latest run of {@code application}'s release. */
  public Optional<String> releaseUiLink(String application) {
    Optional<String> ui = temporalUiUrl();
    if (ui.isEmpty()) {
      return Optional.empty();
    }
    String workflowId = ReleaseRequest.workflowIdFor(application);
    String runId =
        workflowClient.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
    return Optional.of(ui.get() + "/namespaces/default/workflows/" + workflowId + "/" + runId);
  }

  /** The worker's HTTP port (REST API, chat endpoint, actuator). */
  public int httpPort() {
    return httpPort;
  }

  /** The worker's chat endpoint. */
  public URI chatEndpoint() {
    return URI.create("http://127.0.0.1:" + httpPort + "/api/chat/slack");
  }

  /** The chat signing secret the worker was started with; generated per run. */
  public String signingSecret() {
    return signingSecret;
  }

  /** A client of the embedded Temporal, for status and results. */
  public ReleaseClient releaseClient() {
    return releaseClient;
  }

  /** The raw Temporal client of the embedded Temporal, for what the facade does not offer. */
  public WorkflowClient workflowClient() {
    return workflowClient;
  }

  /** Stops the worker (and with it the embedded Temporal), then the target. */
  @Override
  public void close() {
    try {
      serviceStubs.shutdown();
      serviceStubs.awaitTermination(5, TimeUnit.SECONDS);
    } finally {
      try {
        worker.close();
      } finally {
        target.close();
      }
    }
  }
}
