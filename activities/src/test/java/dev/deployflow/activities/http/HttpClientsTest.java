package dev.deployflow.activities.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.activities.ActivitySettings;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpClientsTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static ActivitySettings settings(Duration connect, Duration read) {
    Path base = Path.of("build-unused");
    return new ActivitySettings(base, base, base, base, Map.of(), connect, read, 0);
  }

  @Test
  void everyTimeoutIsExplicit() {
    OkHttpClient client = HttpClients.create(settings(Duration.ofSeconds(3), Duration.ofSeconds(20)));

    assertThat(client.connectTimeoutMillis()).isEqualTo(3_000);
    assertThat(client.readTimeoutMillis()).isEqualTo(20_000);
    assertThat(client.writeTimeoutMillis()).isEqualTo(20_000);
    assertThat(client.callTimeoutMillis()).isEqualTo(23_000);
  }

  @Test
  void aServerSlowerThanTheReadTimeoutFailsTheCallWithAnIoError() {
    OkHttpClient client = HttpClients.create(settings(Duration.ofSeconds(1), Duration.ofMillis(300)));
    server.enqueue(new MockResponse.Builder().body("late").headersDelay(3, TimeUnit.SECONDS).build());

    assertThatThrownBy(() -> HttpExchange.send(client, new Request.Builder().url(server.url("/")).build(), 1024))
        .isInstanceOf(InterruptedIOException.class);
  }

  @Test
  void onlyTheBodyLimitIsRead() throws Exception {
    OkHttpClient client = HttpClients.create(settings(null, null));
    server.enqueue(new MockResponse.Builder().body("0123456789".repeat(1000)).build());

    HttpAnswer answer = HttpExchange.send(client, new Request.Builder().url(server.url("/")).build(), 25);

    assertThat(answer.body()).isEqualTo("0123456789012345678901234");
    assertThat(answer.bodyTruncated()).isTrue();
    assertThat(answer.status()).isEqualTo(200);
  }
}
