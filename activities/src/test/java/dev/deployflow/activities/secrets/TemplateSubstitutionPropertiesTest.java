package dev.deployflow.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.activities.secrets.PromQlMatchers.Matcher;
import dev.deployflow.activities.secrets.PromQlMatchers.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import okhttp3.HttpUrl;

/**
 * Whatever a value holds (quotes, backslashes, slashes, {@code ?#&=}, {@code %}, braces, control
 * characters, letters of any script, emoji), substituting it never changes the structure of the
 * text it goes into: the JSON body has the same keys, the URL the same path segments and query
 * names, the PromQL query the same label matchers, and each field holds exactly the value.
 */
class TemplateSubstitutionPropertiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "s3cr\"et/&=?#%value";

  private final TemplateRenderer renderer = new TemplateRenderer(Map.of(
      "DEPLOY_TOKEN", SECRET, "BASE_URL", "http://127.0.0.1:8088/api"));

  @Property(tries = 400)
  void aJsonBodyKeepsItsKeysAndEachStringHoldsExactlyTheValue(
      @ForAll("hostile") String version, @ForAll("hostile") String environment, @ForAll int weight) {
    String body = renderer.jsonBody(
        "{\"version\":\"${version}\",\"environment\":\"env-${environment}\",\"weight\":${weight},"
            + "\"auth\":\"${env:DEPLOY_TOKEN}\",\"nested\":{\"v\":[\"${version}\"]}}",
        Map.of("version", version, "environment", environment, "weight", Integer.toString(weight)));

    JsonNode parsed = readJson(body);
    List<String> keys = new ArrayList<>();
    parsed.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("version", "environment", "weight", "auth", "nested");
    assertThat(parsed.get("version").textValue()).isEqualTo(version);
    assertThat(parsed.get("environment").textValue()).isEqualTo("env-" + environment);
    assertThat(parsed.get("weight").intValue()).isEqualTo(weight);
    assertThat(parsed.get("auth").textValue()).isEqualTo(SECRET);
    assertThat(parsed.get("nested").get("v").get(0).textValue()).isEqualTo(version);
    assertThat(parsed.get("nested").size()).isEqualTo(1);
  }

  @Property(tries = 400)
  void aUrlKeepsItsPathSegmentsAndQueryNamesAndEachHoldsExactlyTheValue(
      @ForAll("hostile") String component, @ForAll("hostile") String version, @ForAll("hostile") String environment) {
    Assume.that(!isDotSegment(component) && !isDotSegment(version));
    String url = renderer.url(
        "https://deploy.example.com/hooks/${component}/v-${version}?env=${environment}&tag=${version}&t=${env:DEPLOY_TOKEN}#${component}",
        Map.of("component", component, "version", version, "environment", environment));

    HttpUrl parsed = HttpUrl.parse(url);
    assertThat(parsed).as(url).isNotNull();
    assertThat(parsed.host()).isEqualTo("deploy.example.com");
    assertThat(parsed.pathSegments()).containsExactly("hooks", component, "v-" + version);
    assertThat(parsed.queryParameterNames()).containsExactly("env", "tag", "t");
    assertThat(parsed.queryParameterValues("env")).containsExactly(environment);
    assertThat(parsed.queryParameterValues("tag")).containsExactly(version);
    assertThat(parsed.queryParameterValues("t")).containsExactly(SECRET);
    assertThat(parsed.fragment()).isEqualTo(component);
  }

  @Property(tries = 200)
  void aBaseUrlFromTheWorkersConfigurationKeepsItsPathAndTheValuesFollowIt(@ForAll("hostile") String version) {
    Assume.that(!isDotSegment(version));
    HttpUrl parsed = HttpUrl.parse(renderer.url("${env:BASE_URL}/deploy/${version}", Map.of("version", version)));

    assertThat(parsed.host()).isEqualTo("127.0.0.1");
    assertThat(parsed.port()).isEqualTo(8088);
    assertThat(parsed.pathSegments()).containsExactly("api", "deploy", version);
    assertThat(parsed.querySize()).isZero();
  }

  @Property(tries = 400)
  void aPrometheusQueryKeepsItsLabelMatchersAndEachHoldsExactlyTheValue(
      @ForAll("hostile") String application, @ForAll("hostile") String environment, @ForAll("hostile") String version) {
    String query = renderer.promQl(
        "sum(rate(http_requests_total{app=\"${application}\", env='${environment}', version=~\"${version}\"}[5m]))",
        Map.of("application", application, "environment", environment, "version", version));

    Selector selector = PromQlMatchers.read(query);
    assertThat(selector.before()).isEqualTo("sum(rate(http_requests_total");
    assertThat(selector.after()).isEqualTo("[5m]))");
    assertThat(selector.matchers()).extracting(Matcher::label).containsExactly("app", "env", "version");
    assertThat(selector.matchers()).extracting(Matcher::op).containsExactly("=", "=", "=~");
    assertThat(selector.matchers().get(0).value()).isEqualTo(application);
    assertThat(selector.matchers().get(1).value()).isEqualTo(environment);
    // The regex matcher matches the value itself and nothing wider, as Prometheus anchors it.
    Pattern regex = Pattern.compile(selector.matchers().get(2).value(), Pattern.DOTALL);
    assertThat(regex.matcher(version).matches()).isTrue();
    assertThat(regex.matcher(version + "x").matches()).isFalse();
  }

  /** Strings built from the characters that break naive substitution, and from anything else. */
  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<Integer> special = Arbitraries.of("\"'`\\/?#&=%+{}[]()<>|;:,.*$^~! -_".chars().boxed().toList());
    Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
        Tuple.of(6, special),
        Tuple.of(3, Arbitraries.integers().between(0x20, 0x7E)),
        Tuple.of(2, Arbitraries.integers().between(0x00, 0x1F)),
        Tuple.of(1, Arbitraries.of(0x7F, 0x85, 0xA0, 0x2028, 0x2029, 0xFEFF)),
        Tuple.of(2, Arbitraries.integers().between(0xA1, 0xD7FF)),
        Tuple.of(1, Arbitraries.integers().between(0x1F300, 0x1F64F)));
    return codePoint.list().ofMaxSize(30).map(points -> {
      StringBuilder text = new StringBuilder();
      points.forEach(text::appendCodePoint);
      return text.toString();
    });
  }

  /* A whole path segment "." or ".." is refused rather than encoded (URL parsers resolve it anyway). */
  private static boolean isDotSegment(String value) {
    return value.equals(".") || value.equals("..");
  }

  private static JsonNode readJson(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
