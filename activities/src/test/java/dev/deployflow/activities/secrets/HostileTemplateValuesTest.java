package dev.deployflow.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each hostile value, the exact text it renders to, or the exact refusal (naming the placeholder, never the value). */
class HostileTemplateValuesTest {
  private static final String DEMO_BODY =
      "{\"environment\":\"${environment}\",\"component\":\"${component}\",\"version\":\"${version}\",\"weight\":${weight}}";

  private final TemplateRenderer renderer =
      new TemplateRenderer(Map.of("DEMO_TARGET_URL", "http://127.0.0.1:8088", "DEPLOY_TOKEN", "tok-1234"));

  private static Map<String, String> vars(String version) {
    return Map.of("environment", "staging", "component", "api", "version", version, "weight", "10");
  }

  @Test
  void aVersionThatTriesToRewriteTheJsonBodyStaysTheVersionsString() {
    assertThat(renderer.jsonBody(DEMO_BODY, vars("9.9.9\",\"environment\":\"production")))
        .isEqualTo("{\"environment\":\"staging\",\"component\":\"api\","
            + "\"version\":\"9.9.9\\\",\\\"environment\\\":\\\"production\",\"weight\":10}");
    assertThat(renderer.jsonBody(DEMO_BODY, vars("x\"y")))
        .isEqualTo("{\"environment\":\"staging\",\"component\":\"api\",\"version\":\"x\\\"y\",\"weight\":10}");
    assertThat(renderer.jsonBody("{\"v\":\"${version}\"}", vars("a\\\n\u0001</script>")))
        .isEqualTo("{\"v\":\"a\\\\\\n\\u0001</script>\"}");
  }

  @Test
  void outsideAJsonStringOnlyANumberOrLiteralMayStand() {
    assertThat(renderer.jsonBody("{\"weight\":${weight},\"ok\":${version}}", Map.of("weight", "-1.5e3", "version", "true")))
        .isEqualTo("{\"weight\":-1.5e3,\"ok\":true}");

    assertThatThrownBy(() -> renderer.jsonBody("{\"weight\":${weight}}", Map.of("weight", "10,\"admin\":true")))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessage("${weight} stands outside a JSON string in the body, where only a number, true, false or null"
            + " may stand, and its value is none of these; write it inside quotes: \"${weight}\"");
    assertThatThrownBy(() -> renderer.jsonBody("{\"v\":\"a\\${version}\"}", vars("1")))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessage("${version} follows a backslash in the JSON body; write it on its own");
  }

  @Test
  void aUrlValueIsOnePathSegmentOrOneQueryValue() {
    assertThat(renderer.url("https://deploy.example.com/hooks/${component}?v=${version}",
        Map.of("component", "../admin", "version", "1&force=true#x")))
        .isEqualTo("https://deploy.example.com/hooks/..%2Fadmin?v=1%26force%3Dtrue%23x");
    assertThat(renderer.url("${env:DEMO_TARGET_URL}/${environment}/version?component=${component}",
        Map.of("environment", "staging", "component", "a b+c%")))
        .isEqualTo("http://127.0.0.1:8088/staging/version?component=a%20b%2Bc%25");
    assertThat(renderer.url("https://${environment}.shop.example.com/version", vars("1")))
        .isEqualTo("https://staging.shop.example.com/version");
  }

  @Test
  void aUrlValueThatCannotBeEscapedWhereItStandsIsRefused() {
    assertThatThrownBy(() -> renderer.url("https://deploy.example.com/hooks/${component}/run", Map.of("component", "..")))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessage("a value substituted in the path of the URL makes a whole segment '.' or '..', which would change the path");
    assertThatThrownBy(() -> renderer.url("${version}/deploy", vars("https://evil.example")))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessage("${version} cannot start the URL: a URL starts with its scheme and host, or with ${env:NAME} holding a base URL");
    assertThatThrownBy(() -> renderer.url("https://${environment}.shop.example.com/version",
        Map.of("environment", "evil.example/x?")))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessage("${environment} stands in the host of the URL and may hold only letters, digits, '.' and '-' there");
    assertThatThrownBy(() -> renderer.url("${env:DEPLOY_TOKEN}/x", Map.of()))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessage("${env:DEPLOY_TOKEN} starts the URL, so it must hold an absolute http(s) URL, and it does not");
  }

  @Test
  void aHeaderValueWithALineBreakIsRefused() {
    assertThat(renderer.headerValue("X-Release", "${application}-${version}", Map.of("application", "shop", "version", "1.0")))
        .isEqualTo("shop-1.0");
    assertThatThrownBy(() -> renderer.headerValue("X-Release", "${version}", vars("1.0\r\nX-Admin: true")))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessage("${version} in header X-Release holds a line break, a control character or a non-ASCII"
            + " character, which a header cannot carry");
    assertThatThrownBy(() -> renderer.headerName("X-${version}", vars("a: b")))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessage("the header name 'X-${version}' does not render to an HTTP header name");
  }

  @Test
  void aCommandArgumentCannotPoseAsAnOption() {
    assertThat(renderer.argument("${version}", vars("1.0; rm -rf / $(id)"))).isEqualTo("1.0; rm -rf / $(id)");
    assertThat(renderer.argument("--version=${version}", vars("-1"))).isEqualTo("--version=-1");

    assertThatThrownBy(() -> renderer.argument("${version}", vars("--output=/etc/passwd")))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessage("${version} starts a command argument with '-', so the program would read it as an option;"
            + " write the option yourself, such as --version=${version}");
    assertThatThrownBy(() -> renderer.argument("v${version}", vars("1\u0000x")))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessage("${version} holds a NUL character, which no command argument can hold");
    assertThatThrownBy(() -> renderer.pathPart("services/${component}", Map.of("component", "../../etc")))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessage("${component} in a path must name one directory: no '/', '\\', '.' or '..'");
  }

  @Test
  void aPrometheusLabelValueCannotCloseItsSelector() {
    assertThat(renderer.promQl("rate(errors{app=\"${application}\"}[5m])",
        Map.of("application", "x\"} or vector(1) or up{a=\"")))
        .isEqualTo("rate(errors{app=\"x\\\"} or vector(1) or up{a=\\\"\"}[5m])");
    assertThat(renderer.promQl("up{version=~\"${version}\"}", vars(".*")))
        .isEqualTo("up{version=~\"\\\\.\\\\*\"}");
    assertThat(renderer.promQl("up{env='${environment}'}", Map.of("environment", "it's\n")))
        .isEqualTo("up{env='it\\'s\\n'}");
    assertThat(renderer.promQl("rate(x[${window}]) > ${limit}", Map.of("window", "5m", "limit", "0.01")))
        .isEqualTo("rate(x[5m]) > 0.01");

    assertThatThrownBy(() -> renderer.promQl("rate(x[${window}])", Map.of("window", "5m]) or vector(1")))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessage("${window} stands outside a string in the Prometheus query, where only letters, digits, '_', '.'"
            + " and ':' may stand; write it inside quotes as a label value: \"${window}\"");
    assertThatThrownBy(() -> renderer.promQl("x ${op} y", Map.of("op", "or")))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessageStartingWith("${op} stands outside a string in the Prometheus query");
    assertThatThrownBy(() -> renderer.promQl("up{a=`${version}`}", vars("a`b")))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessage("${version} stands in a raw `string` of the Prometheus query and its value holds a backquote,"
            + " which a raw string cannot hold; use double quotes instead");
  }
}
