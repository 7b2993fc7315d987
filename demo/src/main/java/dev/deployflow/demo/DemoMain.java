package dev.deployflow.demo;

import dev.deployflow.demo.DemoRun.ReleaseReport;
import dev.deployflow.worker.config.DeployflowProperties.EmbeddedKind;
import dev.deployflow.worker.temporal.EmbeddedTemporalChoice;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code ./deployflow demo}: a full release story on this machine with nothing installed but
 * Java. Starts the demo target and the deployflow worker with its embedded Temporal (the Temporal
 * CLI's dev server when {@code temporal} is found, with the Temporal UI, else the in-process test
 * server), releases
 * {@code demo-shop 1.1.0} (approved through the chat endpoint; it succeeds), then
 * {@code 1.2.0-bad} (its canary fails analysis and it is rolled back), prints a summary and stops
 * everything. Run it from the repository top.
 *
 * <p>Options: {@code --port N} runs the embedded Temporal on port N (default 7233, or a free port
 * when 7233 is taken); {@code --manual} waits for {@code deployflow approve} from a second
 * terminal instead of approving through the chat endpoint.
 */
public final class DemoMain {
  static final int DEFAULT_TEMPORAL_PORT = 7233;
  static final int DEFAULT_UI_PORT = 8233;
  private static final Duration AUTO_RELEASE_TIMEOUT = Duration.ofMinutes(3);
  // The production gate of the demo pipeline times out after 10 minutes; a person gets that long.
  private static final Duration MANUAL_RELEASE_TIMEOUT = Duration.ofMinutes(12);

  private DemoMain() {}

  public static void main(String[] args) {
    System.exit(run(args, Path.of("").toAbsolutePath(), System.out, System.err));
  }

  /** Parsed command-line options. */
  record Options(Integer port, boolean manual, boolean help) {
    static Options parse(String[] args) {
      Integer port = null;
      boolean manual = false;
      boolean help = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--manual" -> manual = true;
          case "--help", "-h" -> help = true;
          case "--port" -> {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("--port needs a port number");
            }
            port = parsePort(args[++i]);
          }
          default -> {
            if (args[i].startsWith("--port=")) {
              port = parsePort(args[i].substring("--port=".length()));
            } else {
              throw new IllegalArgumentException("unknown option " + args[i]);
            }
          }
        }
      }
      return new Options(port, manual, help);
    }

    private static int parsePort(String text) {
      try {
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
          throw new IllegalArgumentException("--port must be between 1 and 65535, was " + text);
        }
        return port;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--port must be a number, was " + text, e);
      }
    }
  }

  /** Runs the demo from {@code base} (the repository top); returns the process exit code. */
  static int run(String[] args, Path base, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("deployflow demo: " + e.getMessage());
      err.println(usage());
      return 2;
    }
    if (options.help()) {
      out.println(usage());
      return 0;
    }
    Path pipelines = base.resolve("pipelines");
    if (!Files.isRegularFile(pipelines.resolve("demo-shop.yaml"))) {
      err.println("deployflow demo: pipelines/demo-shop.yaml was not found in " + base
          + ". Run the demo from the repository top: ./deployflow demo");
      return 2;
    }
    if (!Files.isRegularFile(base.resolve("demo/ci/build.sh"))) {
      err.println("deployflow demo: demo/ci/build.sh was not found in " + base
          + ". Run the demo from the repository top: ./deployflow demo");
      return 2;
    }
    int port = temporalPort(options, out, err);
    if (port < 0) {
      return 2;
    }
    return runDemo(options, base, pipelines, port, out, err);
  }

  private static int temporalPort(Options options, PrintStream out, PrintStream err) {
    if (options.port() != null) {
      if (!Ports.isFree(options.port())) {
        err.println("deployflow demo: port " + options.port() + " is in use; choose another with --port");
        return -1;
      }
      return options.port();
    }
    int port = Ports.preferredOrFree(DEFAULT_TEMPORAL_PORT);
    if (port != DEFAULT_TEMPORAL_PORT) {
      out.println("Port " + DEFAULT_TEMPORAL_PORT + " is in use (another Temporal?); the demo's"
          + " embedded Temporal uses port " + port + " instead.");
    }
    return port;
  }

  private static int runDemo(
      Options options, Path base, Path pipelines, int port, PrintStream out, PrintStream err) {
    Instant startedAt = Instant.now();
    long started = System.nanoTime();
    EmbeddedTemporalChoice temporal;
    try {
      temporal = EmbeddedTemporalChoice.resolve(EmbeddedKind.AUTO, null);
    } catch (IllegalStateException e) {
      err.println("deployflow demo: " + e.getMessage());
      return 2;
    }
    boolean devServer = temporal.kind() == EmbeddedKind.DEV_SERVER;
    int uiPort = devServer ? uiPort(port, out) : -1;
    DemoStack.Settings settings =
        new DemoStack.Settings(
            pipelines, base, port, base.resolve("var/demo/worker.log"), temporal.kind(), uiPort);
    out.println(devServer ? startingLineDevServer(port, uiPort) : startingLine(port));
    try (DemoStack stack = DemoStack.start(settings)) {
      out.println("Ready in " + DemoSummary.seconds(Duration.ofNanos(System.nanoTime() - started))
          + ": demo target " + stack.target().url() + ", worker http://127.0.0.1:"
          + stack.httpPort() + "/api/releases, Temporal " + stack.temporalAddress()
          + stack.temporalUiUrl().map(ui -> " (Temporal UI " + ui + ")").orElse("") + ".");
      if (options.manual()) {
        out.println("Manual mode: when a release waits for approval, approve it from a second"
            + " terminal with the command shown.");
      }
      Duration timeout = options.manual() ? MANUAL_RELEASE_TIMEOUT : AUTO_RELEASE_TIMEOUT;
      List<ReleaseReport> reports = new DemoRun(stack, options.manual(), timeout, out, err).run();
      DemoSummary.print(
          out, reports, stack, base, startedAt, Duration.ofNanos(System.nanoTime() - started));
      return DemoSummary.allAsExpected(reports) ? 0 : 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("deployflow demo: interrupted");
      return 130;
    } catch (java.io.IOException | RuntimeException e) {
      // The demo's last line of defence: whatever stopped it, say what and where to look.
      err.println("deployflow demo: " + e);
      err.println("The worker's log is in " + settings.workerLog());
      return 1;
    }
  }

  /**
   * The demo's one line about its Temporal when the Temporal CLI is missing: embedded and
   * in-memory, so nothing outlives the demo. The worker's own longer warning goes to its log
   * file only.
   */
  static String startingLine(int port) {
    return "Starting the demo target and the worker, with an embedded, in-memory Temporal on "
        + DemoStack.temporalAddress(port) + " (gone when the demo ends; run"
        + " scripts/ensure-temporal.sh for the real Temporal dev server and its UI)...";
  }

  /** The demo's one line about its Temporal when it runs the Temporal CLI's dev server. */
  static String startingLineDevServer(int port, int uiPort) {
    return "Starting the demo target and the worker, with the Temporal dev server (temporal server"
        + " start-dev) on " + DemoStack.temporalAddress(port) + ", Temporal UI "
        + uiBase(uiPort) + "...";
  }

  static String uiBase(int uiPort) {
    return "http://127.0.0.1:" + uiPort;
  }

  /** 8233 (the dev server's default, frontend port + 1000) when free, else a free port. */
  private static int uiPort(int temporalPort, PrintStream out) {
    int preferred = temporalPort == DEFAULT_TEMPORAL_PORT ? DEFAULT_UI_PORT : temporalPort + 1000;
    int port = preferred <= 65535 ? Ports.preferredOrFree(preferred) : Ports.preferredOrFree(0);
    if (port != preferred) {
      out.println("Port " + preferred + " is in use; the Temporal UI uses port " + port
          + " instead.");
    }
    return port;
  }

  static String usage() {
    return """
        usage: ./deployflow demo [--manual] [--port N]
          Runs two releases of the demo-shop pipeline against a local demo target:
          1.1.0 succeeds, 1.2.0-bad fails its canary analysis and is rolled back.
          --manual   wait for './deployflow approve demo-shop --by bob' from a second terminal
          --port N   run the embedded Temporal on port N (default 7233, or a free port when taken)""";
  }
}
