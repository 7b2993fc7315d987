package dev.deployflow.e2e.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.deployflow.demo.target.TargetState;
import dev.deployflow.demo.target.TargetState.DeployCommand;
import dev.deployflow.demo.target.TargetState.TargetException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The system the crash tests and the history recorder deploy to: the demo target's
 * {@link TargetState} (which records every deploy call with its idempotency key and marks the
 * calls it has seen before as duplicates), one per application so that releases never share
 * state, behind routes prefixed with the application: {@code POST /{app}/deploy},
 * {@code GET /{app}/{env}/version?component=c}, {@code GET /{app}/{env}/health},
 * {@code GET /{app}/{env}/metrics/error-rate}. It runs in the test's JVM on a free loopback port,
 * so that it outlives the worker a test kills.
 *
 * <p>A test can hold one deploy call: the call is received, the test learns it (the moment to
 * kill the worker), and only after the hold is the deploy applied and answered, as a real
 * deploy that takes seconds would be; or hold it until the test answers or refuses it
 * ({@link #holdNextDeployUntilReleased}). Versions ending in {@code -bad} raise the error rate (the
 * demo target's rule); versions ending in {@code -nodata} make it answer no number at all, so
 * that an analysis is inconclusive.
 */
final class AppTarget implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, TargetState> states = new ConcurrentHashMap<>();
  private final Map<String, Hold> holds = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> healthChecks = new ConcurrentHashMap<>();

  /** A deploy to hold: which one, for how long, and a latch that opens when it has arrived. */
  private record Hold(Duration duration, CountDownLatch arrived) {}

  /**
   * A deploy call held until the test lets it go: then it is applied and answered as usual
   * ({@link #answer}), or refused with an HTTP status and not applied ({@link #refuse}). While it
   * is held, the test knows the call is in flight: two held calls that have both arrived were sent
   * at the same time.
   */
  static final class HeldCall {
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int refusal;

    /** Waits until the call has arrived; returns whether it did within {@code timeout}. */
    boolean awaitArrival(Duration timeout) throws InterruptedException {
      return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the call has arrived. */
    boolean arrived() {
      return arrived.getCount() == 0;
    }

    /** Lets the call be applied and answered. */
    void answer() {
      released.countDown();
    }

    /** Answers the call with {@code status} (such as 422) without applying it. */
    void refuse(int status) {
      refusal = status;
      released.countDown();
    }
  }

  /** A call the test refused: answered with its status, nothing applied. */
  private static final class Refused extends RuntimeException {
    private final int status;

    Refused(int status) {
      super("refused by the test with HTTP " + status);
      this.status = status;
    }
  }

  private final Map<String, HeldCall> heldCalls = new ConcurrentHashMap<>();

  /** A path the target does not serve. */
  private static final class NoRoute extends RuntimeException {
    NoRoute(String path) {
      super("no route " + path);
    }
  }

  private AppTarget(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts the target on a free loopback port. */
  static AppTarget start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        Thread thread = new Thread(r, "app-target");
        thread.setDaemon(true);
        return thread;
      });
      AppTarget target = new AppTarget(server, executor);
      server.createContext("/", target::handle);
      server.setExecutor(executor);
      server.start();
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The state of one application, created (empty) on first use. */
  TargetState state(String application) {
    return states.computeIfAbsent(application, name -> new TargetState());
  }

  /**
   * Holds the next deploy of {@code component} to {@code environment} of {@code application} for
   * {@code duration} before applying and answering it.
   *
   * @return a latch that opens when that deploy call has arrived
   */
  CountDownLatch holdNextDeploy(String application, String environment, String component, Duration duration) {
    Hold hold = new Hold(duration, new CountDownLatch(1));
    holds.put(application + "/" + environment + "/" + component, hold);
    return hold.arrived();
  }

  /**
   * Holds the next health check of {@code environment} of {@code application} (a smoke test) for
   * {@code duration} before answering it.
   *
   * @return a latch that opens when that health check has arrived
   */
  CountDownLatch holdNextHealthCheck(String application, String environment, Duration duration) {
    Hold hold = new Hold(duration, new CountDownLatch(1));
    holds.put(application + "/" + environment + "/health", hold);
    return hold.arrived();
  }

  /** How many health checks of the environment arrived, held ones included. */
  int healthChecks(String application, String environment) {
    AtomicInteger count = healthChecks.get(application + "/" + environment);
    return count == null ? 0 : count.get();
  }

  /**
   * Holds the next deploy of {@code component} to {@code environment} of {@code application} until
   * the test answers or refuses it (at most two minutes; then it is answered).
   */
  HeldCall holdNextDeployUntilReleased(String application, String environment, String component) {
    HeldCall held = new HeldCall();
    heldCalls.put(application + "/" + environment + "/" + component, held);
    return held;
  }

  /** Every deploy call one application received, duplicates included. */
  List<TargetState.DeployEvent> events(String application) {
    return state(application).events();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status = 200;
      Object body;
      try {
        body = route(exchange);
      } catch (TargetException refused) {
        status = refused.status();
        body = Map.of("error", refused.getMessage());
      } catch (Refused refused) {
        status = refused.status;
        body = Map.of("error", refused.getMessage());
      } catch (NoRoute unknown) {
        status = 404;
        body = Map.of("error", unknown.getMessage());
      } catch (IOException | RuntimeException bad) {
        status = 400;
        body = Map.of("error", String.valueOf(bad.getMessage()));
      }
      byte[] bytes = JSON.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      } catch (IOException callerGone) {
        // The worker that sent a held deploy may have been killed meanwhile; the deploy stands.
      }
    }
  }

  private Object route(HttpExchange exchange) throws IOException {
    String[] parts = exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
    TargetState state = state(parts[0]);
    if (parts.length == 2 && parts[1].equals("deploy")) {
      JsonNode json = JSON.readTree(exchange.getRequestBody());
      DeployCommand command = new DeployCommand(
          json.path("environment").asText(), json.path("component").asText(), json.path("version").asText(),
          json.hasNonNull("weight") ? json.get("weight").asInt() : null);
      Hold hold = holds.remove(parts[0] + "/" + command.environment() + "/" + command.component());
      if (hold != null) {
        hold.arrived().countDown();
        sleep(hold.duration());
      }
      HeldCall held = heldCalls.remove(parts[0] + "/" + command.environment() + "/" + command.component());
      if (held != null) {
        held.arrived.countDown();
        awaitRelease(held);
        if (held.refusal != 0) {
          throw new Refused(held.refusal);
        }
      }
      return state.deploy(command, exchange.getRequestHeaders().getFirst("Idempotency-Key"));
    }
    if (parts.length == 2 && parts[1].equals("notifications")) {
      return Map.of("received", true);
    }
    String query = exchange.getRequestURI().getQuery();
    String component = query != null && query.startsWith("component=") ? query.substring("component=".length()) : null;
    if (parts.length == 3 && parts[2].equals("version")) {
      return state.version(parts[1], component);
    }
    if (parts.length == 3 && parts[2].equals("health")) {
      healthChecks.computeIfAbsent(parts[0] + "/" + parts[1], key -> new AtomicInteger()).incrementAndGet();
      Hold hold = holds.remove(parts[0] + "/" + parts[1] + "/health");
      if (hold != null) {
        hold.arrived().countDown();
        sleep(hold.duration());
      }
      return Map.of("status", state.hasEnvironment(parts[1]) ? "UP" : "UNKNOWN");
    }
    if (parts.length == 4 && parts[2].equals("metrics") && parts[3].equals("error-rate")) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("value", servesNoData(state, parts[1]) ? null : state.errorRate(parts[1], component));
      return answer;
    }
    throw new NoRoute(exchange.getRequestURI().getPath());
  }

  private static boolean servesNoData(TargetState state, String environment) {
    return state.snapshot().getOrDefault(environment, Map.of()).values().stream()
        .anyMatch(view -> view.candidate() != null && view.candidate().endsWith("-nodata"));
  }

  private static void awaitRelease(HeldCall held) {
    try {
      held.released.await(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    heldCalls.values().forEach(HeldCall::answer);
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
