package dev.deployflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.HandlerRegistry;
import io.grpc.InsecureServerCredentials;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Temporal frontend that answers its health check but refuses every call as unauthenticated, as
 * one behind an API-key check does when the key is wrong: the command line says access was
 * refused (not "cannot reach"), in text and in JSON, and exits 1.
 */
class TemporalAccessDeniedCliTest {
  private Server server;
  private String address;

  @BeforeEach
  void start() throws IOException {
    server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
        .fallbackHandlerRegistry(new Refusing())
        .build()
        .start();
    address = "127.0.0.1:" + server.getPort();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void aRefusedCallIsAccessDeniedWithExitCode1() {
    CliRun run = CliRun.of("status", "shop-api", "--temporal", address);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip())
        .startsWith("deployflow: Temporal at " + address + " refused access (")
        .contains("check the client's credentials (mTLS certificate or API key)");
  }

  @Test
  void aRefusedCallWithJsonOutputIsAnAccessDeniedReport() {
    CliRun run = CliRun.of("--output", "json", "approve", "shop-api", "--by", "bob", "--temporal", address);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("\"error\" : \"access_denied\"")
        .contains("Temporal at " + address + " refused access");
  }

  /** Serves the health check and GetSystemInfo, and refuses every other call. */
  private static final class Refusing extends HandlerRegistry {
    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
      MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(methodName)
          .setRequestMarshaller(BYTES)
          .setResponseMarshaller(BYTES)
          .build();
      ServerCallHandler<byte[], byte[]> handler;
      if (methodName.equals("grpc.health.v1.Health/Check") || methodName.endsWith("/GetSystemInfo")) {
        // Empty bytes are a valid, empty GetSystemInfoResponse: a server with no capabilities.
        byte[] answer = methodName.endsWith("/GetSystemInfo") ? new byte[0] : HealthCheckResponse.newBuilder()
            .setStatus(HealthCheckResponse.ServingStatus.SERVING).build().toByteArray();
        handler = ServerCalls.asyncUnaryCall((request, response) -> {
          response.onNext(answer);
          response.onCompleted();
        });
      } else {
        Status status = Status.UNAUTHENTICATED.withDescription("invalid API key");
        handler = ServerCalls.asyncUnaryCall((request, response) -> response.onError(status.asRuntimeException()));
      }
      return ServerMethodDefinition.create(method, handler);
    }
  }

  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };
}
