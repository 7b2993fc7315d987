package dev.deployflow.activities.metrics;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.http.HttpAnswer;
import dev.deployflow.activities.command.Heartbeat;
import dev.deployflow.activities.http.HttpExchange;
import dev.deployflow.activities.http.InFlightHeartbeat;
import dev.deployflow.activities.http.RedirectRefusedException;
import dev.deployflow.activities.secrets.SecretMasker;
import dev.deployflow.activities.secrets.TemplateRenderer;
import dev.deployflow.activity.MetricActivities;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.pipeline.AnalysisTemplate;
import dev.deployflow.pipeline.AnalysisTemplate.HttpJsonSource;
import dev.deployflow.pipeline.AnalysisTemplate.PrometheusSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Takes measurements for analysis from Prometheus (an instant query against
 * {@code <url>/api/v1/query}) or from an HTTP JSON document (a number at a JSON pointer).
 *
 * <p>Nothing here is retried and nothing is thrown for a problem of the source: an unreachable
 * server, an HTTP error, a timeout, a body that is not JSON or a query that returns several series
 * all become an {@link Measurement.Kind#ERROR} measurement with its reason, and an empty result
 * becomes {@link Measurement.Kind#NO_DATA}. The analysis policy in the workflow counts those
 * (consecutive errors, inconclusive results); a Temporal retry would only hide them and delay the
 * verdict. Verdicts are never decided here.
 *
 * <p>Redirects are never followed from Prometheus, and from an HTTP JSON source only when it says
 * {@code followRedirects: true} and only to the same host; a refused redirect is an error
 * measurement naming the target host.
 *
 * <p>URLs, queries and headers are rendered with the release variables and {@code ${env:NAME}}
 * (percent-encoded in URLs, escaped as label values in queries);
 * the values of those environment variables are masked (by the renderer's
 * {@link SecretMasker}) in every reason, so that a token in a
 * URL never reaches history.
 */
public final class MetricActivitiesImpl implements MetricActivities {
  /** A metric document larger than this is refused rather than buffered. */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ActivitySettings settings;
  private final OkHttpClient client;
  private final Duration heartbeatInterval;

  public MetricActivitiesImpl(ActivitySettings settings, OkHttpClient client) {
    this(settings, client, InFlightHeartbeat.DEFAULT_INTERVAL);
  }

  /** With a given heartbeat interval while a read is in flight (tests use a short one). */
  public MetricActivitiesImpl(ActivitySettings settings, OkHttpClient client, Duration heartbeatInterval) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.client = Objects.requireNonNull(client, "client");
    this.heartbeatInterval = Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
  }

  @Override
  public Measurement measure(MeasureRequest request) {
    String at = Instant.now().toString();
    String metric = request.metric();
    AnalysisTemplate template = request.template();
    Map<String, String> vars = request.vars() == null ? Map.of() : request.vars();
    if (template == null) {
      return Measurement.error(metric, "the analysis '" + metric + "' has no template", at);
    }
    // One renderer per call: it remembers the secrets it read, and its masker hides them again.
    TemplateRenderer renderer = TemplateRenderer.forWorker(settings);
    if (template.prometheus() != null) {
      return prometheus(metric, template.prometheus(), vars, renderer, at);
    }
    if (template.http() != null) {
      return httpJson(metric, template.http(), vars, renderer, at);
    }
    return Measurement.error(metric, "the analysis has neither a prometheus nor an http source", at);
  }

  private Measurement prometheus(
      String metric,
      PrometheusSource source,
      Map<String, String> vars,
      TemplateRenderer renderer,
      String at) {
    SecretMasker masker = renderer.masker();
    HttpUrl url;
    try {
      HttpUrl base = parseUrl(renderer.url(source.url(), vars), "prometheus.url", source.url());
      // Values are escaped as PromQL label values, so a caller's text never rewrites the query.
      String query = renderer.promQl(source.query(), vars);
      if (query == null || query.isBlank()) {
        return Measurement.error(metric, "prometheus.query is empty", at);
      }
      url = base.newBuilder().addPathSegments("api/v1/query").addQueryParameter("query", query).build();
    } catch (IllegalArgumentException e) {
      return Measurement.error(metric, masker.mask(e.getMessage()), at);
    }
    Request call = new Request.Builder().url(url).header("Accept", "application/json").get().build();
    HttpAnswer answer;
    try {
      answer = fetch(call, false);
    } catch (IOException e) {
      return Measurement.error(metric, masker.mask("Prometheus could not be read: " + describe(e)), at);
    } catch (RedirectRefusedException e) {
      return Measurement.error(metric, masker.mask("Prometheus " + e.getMessage()), at);
    }
    JsonNode body = parseJson(answer.body());
    if (!answer.successful()) {
      // Prometheus answers 400/422/503 with its JSON error envelope: its text is the useful part.
      String reason = body != null && body.has("status")
          ? PrometheusResult.describeError(body)
          : excerpt(answer.body());
      return Measurement.error(metric, masker.mask("Prometheus answered HTTP " + answer.status() + ": " + reason), at);
    }
    if (body == null) {
      return Measurement.error(
          metric, masker.mask("Prometheus answered with a body that is not JSON: " + excerpt(answer.body())), at);
    }
    return masked(PrometheusResult.read(metric, body, at), masker);
  }

  private Measurement httpJson(
      String metric,
      HttpJsonSource source,
      Map<String, String> vars,
      TemplateRenderer renderer,
      String at) {
    SecretMasker masker = renderer.masker();
    Request.Builder call = new Request.Builder().header("Accept", "application/json").get();
    try {
      call.url(parseUrl(renderer.url(source.url(), vars), "http.url", source.url()));
      if (source.headers() != null) {
        for (Map.Entry<String, String> header : source.headers().entrySet()) {
          String name = renderer.headerName(header.getKey(), vars);
          call.header(name, renderer.headerValue(name, header.getValue(), vars));
        }
      }
    } catch (IllegalArgumentException e) {
      return Measurement.error(metric, masker.mask(e.getMessage()), at);
    }
    HttpAnswer answer;
    try {
      answer = fetch(call.build(), Boolean.TRUE.equals(source.followRedirects()));
    } catch (IOException e) {
      return Measurement.error(metric, masker.mask("the metric URL could not be read: " + describe(e)), at);
    } catch (RedirectRefusedException e) {
      return Measurement.error(metric, masker.mask("the metric URL was " + e.getMessage()), at);
    }
    if (!answer.successful()) {
      return Measurement.error(
          metric, masker.mask("the metric URL answered HTTP " + answer.status() + ": " + excerpt(answer.body())), at);
    }
    JsonNode document = parseJson(answer.body());
    if (document == null) {
      return Measurement.error(
          metric, masker.mask("the metric URL answered with a body that is not JSON: " + excerpt(answer.body())), at);
    }
    return masked(JsonPointerValue.read(metric, document, source.jsonPointer(), at), masker);
  }

  /* A reason may quote the answer, and an answer may echo what the request carried. */
  private static Measurement masked(Measurement measurement, SecretMasker masker) {
    return measurement.detail() == null
        ? measurement
        : new Measurement(measurement.metric(), measurement.kind(), measurement.value(),
            masker.mask(measurement.detail()), measurement.at());
  }

  private static HttpUrl parseUrl(String rendered, String field, String template) {
    HttpUrl url = rendered == null ? null : HttpUrl.parse(rendered);
    if (url == null) {
      // The template, never the rendered text, goes into the message: the latter may hold a secret.
      throw new IllegalArgumentException(field + " '" + template + "' is not an http(s) URL");
    }
    return url;
  }

  private HttpAnswer fetch(Request request, boolean followRedirects) throws IOException {
    // Heartbeats while the read is in flight: a worker lost meanwhile is noticed in seconds. The
    // URL's host and path only: its query may carry a rendered secret.
    HttpAnswer answer = new InFlightHeartbeat(Heartbeat.ofCurrentActivity(), heartbeatInterval).await(
        "measure " + request.url().host() + request.url().encodedPath(),
        () -> HttpExchange.send(client, request, MAX_BODY_BYTES, followRedirects));
    if (answer.bodyTruncated()) {
      // Half a document would only fail to parse; say what is really wrong.
      throw new IOException("the answer is larger than " + (MAX_BODY_BYTES >> 20) + " MiB");
    }
    return answer;
  }

  private static JsonNode parseJson(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null || node.isMissingNode() ? null : node;
    } catch (JacksonException e) {
      return null;
    }
  }

  private static String describe(IOException e) {
    String kind = e instanceof InterruptedIOException ? "timed out" : e.getClass().getSimpleName();
    String message = e.getMessage();
    return message == null || message.isBlank() ? kind : kind + " (" + message + ")";
  }

  private static String excerpt(String body) {
    String oneLine = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    if (oneLine.isEmpty()) {
      return "(empty body)";
    }
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
  }
}
