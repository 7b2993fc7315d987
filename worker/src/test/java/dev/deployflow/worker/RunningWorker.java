package dev.deployflow.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A worker started in this JVM the way {@code java -jar} starts it, on free ports (HTTP and
 * embedded Temporal) and in a temporary directory, with an HTTP client to talk to it.
 */
public final class RunningWorker implements AutoCloseable {
  public static final String SIGNING_SECRET = "test-signing-secret";
  /** Operators with an API token each, mapped in chat as Slack user {@code U<NAME>}. */
  public static final List<String> OPERATORS = List.of("alice", "bob", "carol");
  /** The viewer whose token plain GETs use. */
  public static final String VIEWER = "vic";

  private final ConfigurableApplicationContext context;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final long startMillis;

  private RunningWorker(ConfigurableApplicationContext context, long startMillis) {
    this.context = context;
    this.startMillis = startMillis;
  }

  /**
   * Starts a worker whose base directory is {@code baseDir}; an extra argument replaces the
   * default of the same name.
   */
  public static RunningWorker start(Path baseDir, String... extraArguments) {
    try {
      Files.createDirectories(baseDir.resolve("pipelines"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> arguments = new ArrayList<>();
    // Spring joins repeated command-line options with commas, so an extra argument replaces the
    // default of the same name instead of following it.
    for (String argument : defaultArguments(baseDir)) {
      if (Arrays.stream(extraArguments).noneMatch(extra -> sameOption(extra, argument))) {
        arguments.add(argument);
      }
    }
    arguments.addAll(List.of(extraArguments));
    long start = System.nanoTime();
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(WorkerApplication.class).run(arguments.toArray(String[]::new));
    return new RunningWorker(context, (System.nanoTime() - start) / 1_000_000);
  }

  static List<String> defaultArguments(Path baseDir) {
    return List.of(
        "--server.port=0",
        "--deployflow.embedded.port=0",
        // An empty target forces the embedded Temporal even where TEMPORAL_ADDRESS is set.
        "--spring.temporal.connection.target=",
        "--deployflow.pipelines-dir=" + baseDir.resolve("pipelines"),
        "--deployflow.work-dir=" + baseDir,
        "--deployflow.release-log=" + baseDir.resolve("var/release-log.jsonl"),
        "--deployflow.post-mortem-dir=" + baseDir.resolve("var/post-mortems"),
        "--deployflow.metrics-report-interval=200ms",
        "--deployflow.shutdown.await-termination=10s",
        "--deployflow.chat.signing-secret=" + SIGNING_SECRET,
        "--deployflow.api.tokens=" + tokens(),
        "--deployflow.chat.users=" + String.join(
            ",", OPERATORS.stream().map(name -> slackUserId(name) + ":" + name).toList()));
  }

  /** The API token of {@code identity} (an operator, or the viewer). */
  public static String tokenOf(String identity) {
    return identity + "-test-api-token-0001";
  }

  /** The Slack user id that chat maps to {@code identity}. */
  public static String slackUserId(String identity) {
    return "U" + identity.toUpperCase(java.util.Locale.ROOT);
  }

  private static String tokens() {
    List<String> entries = new ArrayList<>();
    OPERATORS.forEach(name -> entries.add(name + ":operator:" + tokenOf(name)));
    entries.add(VIEWER + ":viewer:" + tokenOf(VIEWER));
    return String.join(",", entries);
  }

  private static boolean sameOption(String one, String other) {
    return optionName(one).equals(optionName(other));
  }

  private static String optionName(String argument) {
    int equals = argument.indexOf('=');
    return equals < 0 ? argument : argument.substring(0, equals);
  }

  ConfigurableApplicationContext context() {
    return context;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** How long {@code SpringApplication.run} took, in milliseconds. */
  long startMillis() {
    return startMillis;
  }

  int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  /** A GET with the viewer's token. */
  public HttpResponse<String> get(String path) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + tokenOf(VIEWER))
            .GET());
  }

  /** A POST with alice's token. */
  public HttpResponse<String> postJson(String path, String json) {
    return postJson(path, json, "alice");
  }

  /** A POST with the token of {@code identity}. */
  public HttpResponse<String> postJson(String path, String json, String identity) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + tokenOf(identity))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  @Override
  public void close() {
    context.close();
  }
}
