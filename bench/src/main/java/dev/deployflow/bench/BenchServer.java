package dev.deployflow.bench;

import dev.deployflow.api.DeploySearchAttributes;
import dev.deployflow.worker.temporal.DevServerProcess;
import dev.deployflow.worker.temporal.SearchAttributeRegistrar;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One Temporal server the benchmark runs against, always in a process of its own so that the bench
 * JVM's CPU time and heap are the worker's (and the client's driving the load), never the server's:
 * the Java test server ({@code io.temporal.testserver.TestServer}, with time skipping) in a child
 * JVM, or the real {@code temporal server start-dev} of the pinned CLI.
 */
abstract class BenchServer implements AutoCloseable {

  abstract String name();

  /** Whether timers can be skipped (the test server): week-long windows take moments. */
  abstract boolean skipsTime();

  /** A fresh worker factory and the client to drive releases with, for one measured phase. */
  abstract Session session(WorkerFactoryOptions options);

  /** A worker factory and its client; closing it stops the factory's workers. */
  interface Session extends AutoCloseable {
    WorkflowClient client();

    WorkerFactory factory();

    /** Lets the server's clock run while the caller waits (the test server); a no-op otherwise. */
    default void sleep(Duration duration) {
      try {
        Thread.sleep(duration.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    void close();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void registerSearchAttributes(String target) {
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
    try {
      new SearchAttributeRegistrar(operator, "default").ensureRegistered(DeploySearchAttributes.ALL);
    } finally {
      operator.shutdownNow();
    }
  }

  /** The Java test server of the SDK, in a child JVM on a free loopback port. */
  static final class TestServer extends BenchServer {
    private final Process process;
    private final String target;

    TestServer(Path logFile, String heap) {
      int port = freePort();
      target = "127.0.0.1:" + port;
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      try {
        Files.createDirectories(logFile.getParent());
        process = new ProcessBuilder(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
            "io.temporal.testserver.TestServer", String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the Java test server", e);
      }
      try {
        awaitPort(port, process, Duration.ofSeconds(60));
        registerSearchAttributes(target);
      } catch (RuntimeException e) {
        process.destroyForcibly();
        throw e;
      }
    }

    @Override
    String name() {
      return "test-server";
    }

    @Override
    boolean skipsTime() {
      return true;
    }

    long pid() {
      return process.pid();
    }

    @Override
    Session session(WorkerFactoryOptions options) {
      TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
          .setUseExternalService(true)
          .setTarget(target)
          .setWorkerFactoryOptions(options)
          .build());
      return new Session() {
        @Override
        public WorkflowClient client() {
          return env.getWorkflowClient();
        }

        @Override
        public WorkerFactory factory() {
          return env.getWorkerFactory();
        }

        @Override
        public void sleep(Duration duration) {
          env.sleep(duration);
        }

        @Override
        public void close() {
          env.getWorkerFactory().shutdownNow();
          env.getWorkerFactory().awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
          env.getWorkflowServiceStubs().shutdownNow();
        }
      };
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  /**
   * The SDK's test server inside the bench JVM, for the history sizes only (they do not depend on
   * the server or on where CPU time goes): its time skipping moves a week-long window on while a
   * client waits for the result.
   */
  static Session inProcess() {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    DeploySearchAttributes.ALL.forEach(key -> options.registerSearchAttribute(key.getName(), key.getValueType()));
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options.build());
    return new Session() {
      @Override
      public WorkflowClient client() {
        return env.getWorkflowClient();
      }

      @Override
      public WorkerFactory factory() {
        return env.getWorkerFactory();
      }

      @Override
      public void close() {
        env.close();
      }
    };
  }

  /** The real Temporal: {@code temporal server start-dev --headless} with a fresh SQLite file. */
  static final class DevServer extends BenchServer {
    private final DevServerProcess process;

    DevServer(Path binary, Path dir) {
      try {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("bench.db"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      process = DevServerProcess.start(new DevServerProcess.Options(binary, freePort(), -1, dir.resolve("bench.db"),
          "default", dir.resolve("dev-server.log"), Duration.ofSeconds(90)));
      registerSearchAttributes(process.target());
    }

    @Override
    String name() {
      return "dev-server";
    }

    @Override
    boolean skipsTime() {
      return false;
    }

    @Override
    Session session(WorkerFactoryOptions options) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(process.target()).build());
      WorkflowClient client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      WorkerFactory factory = WorkerFactory.newInstance(client, options);
      return new Session() {
        @Override
        public WorkflowClient client() {
          return client;
        }

        @Override
        public WorkerFactory factory() {
          return factory;
        }

        @Override
        public void close() {
          factory.shutdownNow();
          factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
          stubs.shutdownNow();
        }
      };
    }

    @Override
    public void close() {
      process.close();
    }
  }

  private static void awaitPort(int port, Process process, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Java test server exited with code " + process.exitValue());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException("the Java test server did not listen on port " + port + " in time");
  }

  static List<String> names() {
    return List.of("test-server", "dev-server");
  }
}
