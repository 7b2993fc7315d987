package dev.deployflow.activities.metrics;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.secrets.SecretMasker;
import dev.deployflow.activities.secrets.TemplateRenderer;
import dev.deployflow.activity.MetricActivities;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.pipeline.AnalysisTemplate;
import dev.deployflow.pipeline.AnalysisTemplate.HttpJsonSource;
import dev.deployflow.pipeline.AnalysisTemplate.PrometheusSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

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
 * <p>URLs, queries and headers are rendered with the release variables and {@code ${env:NAME}};
 * the values of those environment variables are masked (by the renderer's
 * {@link SecretMasker}) in every reason, so that a token in a
 * URL never reaches history.
 */
public final class MetricActivitiesImpl implements MetricActivities {
  /** A metric document larger than this is refused rather than buffered. */
  static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ActivitySettings settings;
  private final OkHttpClient client;

  public MetricActivitiesImpl(ActivitySettings settings, OkHttpClient client) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.client = Objects.requireNonNull(client, "client");
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
    TemplateRenderer renderer = new TemplateRenderer(settings.environment());
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
      HttpUrl base = parseUrl(renderer.render(source.url(), vars), "prometheus.url", source.url());
      String query = renderer.render(source.query(), vars);
      if (query == null || query.isBlank()) {
        return Measurement.error(metric, "prometheus.query is empty", at);
      }
      url = base.newBuilder().addPathSegments("api/v1/query").addQueryParameter("query", query).build();
    } catch (IllegalArgumentException e) {
      return Measurement.error(metric, masker.mask(e.getMessage()), at);
    }
    Request call = new Request.Builder().url(url).header("Accept", "application/json").get().build();
    Fetched fetched;
    try {
      fetched = fetch(call);
    } catch (IOException e) {
      return Measurement.error(metric, masker.mask("Prometheus could not be read: " + describe(e)), at);
    }
    JsonNode body = parseJson(fetched.body());
    if (!fetched.successful()) {
      // Prometheus answers 400/422/503 with its JSON error envelope: its text is the useful part.
      String reason = body != null && body.has("status")
          ? PrometheusResult.describeError(body)
          : excerpt(fetched.body());
      return Measurement.error(metric, masker.mask("Prometheus answered HTTP " + fetched.code() + ": " + reason), at);
    }
    if (body == null) {
      return Measurement.error(
          metric, masker.mask("Prometheus answered with a body that is not JSON: " + excerpt(fetched.body())), at);
    }
    Measurement measurement = PrometheusResult.read(metric, body, at);
    return measurement.detail() == null
        ? measurement
        : new Measurement(metric, measurement.kind(), measurement.value(), masker.mask(measurement.detail()), at);
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
      call.url(parseUrl(renderer.render(source.url(), vars), "http.url", source.url()));
      if (source.headers() != null) {
        for (Map.Entry<String, String> header : source.headers().entrySet()) {
          call.header(header.getKey(), renderer.render(header.getValue(), vars));
        }
      }
    } catch (IllegalArgumentException e) {
      return Measurement.error(metric, masker.mask(e.getMessage()), at);
    }
    Fetched fetched;
    try {
      fetched = fetch(call.build());
    } catch (IOException e) {
      return Measurement.error(metric, masker.mask("the metric URL could not be read: " + describe(e)), at);
    }
    if (!fetched.successful()) {
      return Measurement.error(
          metric, masker.mask("the metric URL answered HTTP " + fetched.code() + ": " + excerpt(fetched.body())), at);
    }
    JsonNode document = parseJson(fetched.body());
    if (document == null) {
      return Measurement.error(
          metric, masker.mask("the metric URL answered with a body that is not JSON: " + excerpt(fetched.body())), at);
    }
    return JsonPointerValue.read(metric, document, source.jsonPointer(), at);
  }

  private static HttpUrl parseUrl(String rendered, String field, String template) {
    HttpUrl url = rendered == null ? null : HttpUrl.parse(rendered);
    if (url == null) {
      // The template, never the rendered text, goes into the message: the latter may hold a secret.
      throw new IllegalArgumentException(field + " '" + template + "' is not an http(s) URL");
    }
    return url;
  }

  private Fetched fetch(Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      BufferedSource source = response.body().source();
      if (source.request(MAX_BODY_BYTES + 1)) {
        throw new IOException("the answer is larger than " + (MAX_BODY_BYTES >> 20) + " MiB");
      }
      return new Fetched(response.code(), source.readUtf8());
    }
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

  private record Fetched(int code, String body) {
    boolean successful() {
      return code >= 200 && code < 300;
    }
  }
}
