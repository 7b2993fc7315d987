package dev.deployflow.worker.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Temporal, under {@code spring.temporal.*}: the names mirror those of the official
 * Temporal Spring Boot starter so that existing configuration carries over. The environment
 * variables {@code TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE} and {@code TEMPORAL_API_KEY}
 * are read as aliases. With no target, the worker starts an embedded in-memory Temporal.
 *
 * @param namespace the Temporal namespace
 * @param connection the server address and credentials
 */
@Validated
@ConfigurationProperties("spring.temporal")
public record TemporalProperties(
    @DefaultValue("default") @NotBlank String namespace,
    @DefaultValue @Valid Connection connection) {

  /** Whether a Temporal server address is configured; otherwise the embedded one is used. */
  public boolean hasTarget() {
    return connection.target() != null && !connection.target().isBlank();
  }

  /**
   * The server and how to authenticate to it.
   *
   * @param target {@code host:port} of the Temporal frontend
   * @param apiKey an API key sent as a bearer token; implies TLS unless {@code enableHttps} is
   *     false
   * @param enableHttps whether to use TLS without client certificates; unset means "only with an
   *     API key"
   * @param mtls client certificate authentication
   */
  public record Connection(
      String target, String apiKey, Boolean enableHttps, @DefaultValue @Valid Mtls mtls) {

    /** Whether the connection uses TLS. */
    public boolean usesTls() {
      if (mtls.configured()) {
        return true;
      }
      if (enableHttps != null) {
        return enableHttps;
      }
      return apiKey != null && !apiKey.isBlank();
    }

    @Override
    public String toString() {
      // Keeps the API key out of logs and failure reports.
      return "Connection[target=" + target + ", apiKey=" + (apiKey == null ? "<none>" : "***")
          + ", enableHttps=" + enableHttps + ", mtls=" + mtls + "]";
    }
  }

  /**
   * Mutual TLS: a PKCS#8 private key and its certificate chain, both PEM files.
   *
   * @param keyFile the private key
   * @param certChainFile the certificate chain
   * @param keyPassword the key's password, when it is encrypted
   * @param insecureTrustManager trust any server certificate (tests only)
   */
  public record Mtls(
      Path keyFile, Path certChainFile, String keyPassword, boolean insecureTrustManager) {

    /** Whether client certificates are configured. */
    public boolean configured() {
      return keyFile != null || certChainFile != null;
    }

    /** Both files are given together, or neither. */
    @AssertTrue(message = "key-file and cert-chain-file must be set together")
    public boolean isComplete() {
      return (keyFile == null) == (certChainFile == null);
    }

    /** Every file given exists. */
    @AssertTrue(message = "key-file and cert-chain-file must name readable files")
    public boolean isReadable() {
      return (keyFile == null || Files.isReadable(keyFile))
          && (certChainFile == null || Files.isReadable(certChainFile));
    }

    @Override
    public String toString() {
      return "Mtls[keyFile=" + keyFile + ", certChainFile=" + certChainFile
          + ", keyPassword=" + (keyPassword == null ? "<none>" : "***")
          + ", insecureTrustManager=" + insecureTrustManager + "]";
    }
  }
}
