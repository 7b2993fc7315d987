package dev.deployflow.demo.target;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.deployflow.demo.target.TargetState.DeployCommand;
import dev.deployflow.demo.target.TargetState.TargetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The system the demo deploys to: a small HTTP service on 127.0.0.1 that pretends to be the
 * {@code staging} and {@code production} environments of a shop with an {@code api}, a
 * {@code web} and a {@code worker} component (see {@link TargetState#COMPONENTS}). It takes deploys (honouring {@code Idempotency-Key}), answers version,
 * health and metric probes, records notifications, and exposes what it received for the
 * end-to-end test.
 *
 * <p>Routes: {@code POST /deploy}, {@code GET /{env}/version?component=api},
 * {@code GET /{env}/health}, {@code GET /{env}/metrics/error-rate},
 * {@code GET /{env}/metrics/latency-p99}, {@code POST|GET /notifications}, {@code GET /state},
 * {@code GET /events}.
 */
public final class DemoTarget implements AutoCloseable {
  // Deploy hooks may send more than the target needs (an application name, a release id).
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final TargetState state;
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DemoTarget(TargetState state, HttpServer server, ExecutorService executor) {
    this.state = state;
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts the target on 127.0.0.1.
   *
   * @param port the port to bind, or 0 for a free one
   */
  public static DemoTarget start(int port) throws IOException {
    return start(InetAddress.getLoopbackAddress(), port);
  }

  /**
   * Starts the target on {@code address}: loopback everywhere but in a container, where the
   * worker reaches it over the compose network (docker-compose.yml publishes it on loopback).
   */
  public static DemoTarget start(InetAddress address, int port) throws IOException {
    TargetState state = new TargetState();
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "demo-target");
              t.setDaemon(true);
              return t;
            });
    DemoTarget target = new DemoTarget(state, server, executor);
    server.createContext("/", target::handle);
    server.setExecutor(executor);
    server.start();
    return target;
  }

  /**
   * Runs the target alone, for a worker started separately: {@code DemoTarget [port]}. It serves
   * until the process is stopped; every environment starts on {@code 1.0.0}. A second argument
   * is the address to bind (default loopback), e.g. {@code 0.0.0.0} in a container.
   */
  public static void main(String[] args) throws IOException {
    InetAddress address =
        args.length > 1 ? InetAddress.getByName(args[1]) : InetAddress.getLoopbackAddress();
    DemoTarget target = start(address, args.length > 0 ? Integer.parseInt(args[0]) : 0);
    target.state().seed("1.0.0");
    Runtime.getRuntime().addShutdownHook(new Thread(target::close, "demo-target-stop"));
    System.out.println("demo target listening on " + target.url()
        + "; give the worker DEMO_TARGET_URL=" + target.url());
  }

  /** The port the target listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL, such as {@code http://127.0.0.1:40123}, without a trailing slash. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** The target's state, for seeding and for assertions. */
  public TargetState state() {
    return state;
  }

  /** Stops answering at once and releases the port. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response response;
      try {
        response = route(exchange);
      } catch (TargetException e) {
        response = new Response(e.status(), Map.of("error", e.getMessage()));
      } catch (JsonProcessingException e) {
        response = new Response(400, Map.of("error", "the body is not valid JSON"));
      }
      byte[] body = JSON.writeValueAsBytes(response.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(response.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private Response route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    if (path.equals("/deploy")) {
      requireMethod(method, "POST");
      DeployCommand command = JSON.readValue(readBody(exchange), DeployCommand.class);
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      return new Response(200, state.deploy(command, key));
    }
    if (path.equals("/notifications")) {
      if (method.equals("POST")) {
        state.recordNotification(JSON.readValue(readBody(exchange), Object.class));
        return new Response(200, Map.of("received", true));
      }
      requireMethod(method, "GET");
      return new Response(200, state.notifications());
    }
    requireMethod(method, "GET");
    if (path.equals("/state")) {
      return new Response(200, state.snapshot());
    }
    if (path.equals("/events")) {
      return new Response(200, state.events());
    }
    if (parts.length >= 2 && state.hasEnvironment(parts[0])) {
      String env = parts[0];
      String rest = path.substring(env.length() + 2);
      String component = query.get("component");
      switch (rest) {
        case "version" -> {
          return new Response(200, state.version(env, component == null ? "api" : component));
        }
        case "health" -> {
          return new Response(200, Map.of("status", "UP", "environment", env));
        }
        case "metrics/error-rate" -> {
          return new Response(200, Map.of("value", state.errorRate(env, component)));
        }
        case "metrics/latency-p99" -> {
          return new Response(200, Map.of("value", state.latencyP99(env, component)));
        }
        default -> {
          // falls through to the not-found answer below
        }
      }
    }
    throw new TargetException(404, "no route for " + method + " " + path);
  }

  private static void requireMethod(String method, String expected) {
    if (!method.equals(expected)) {
      throw new TargetException(405, "use " + expected);
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private record Response(int status, Object body) {}
}
