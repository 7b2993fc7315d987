package dev.deployflow.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

  @Test
  void masksEveryOccurrenceAndTheLongestSecretWhole() {
    SecretMasker masker = new SecretMasker();
    masker.register("abc123");
    masker.register("abc123-extended");

    assertThat(masker.mask("a=abc123-extended b=abc123 c=abc123")).isEqualTo("a=**** b=**** c=****");
  }

  @Test
  void masksTheEndOfASecretCutByTheStartOfATail() {
    SecretMasker masker = new SecretMasker();
    masker.register("supersecretvalue");

    assertThat(masker.maskTail("etvalue and more", true)).isEqualTo("**** and more");
    assertThat(masker.maskTail("etvalue and more", false)).isEqualTo("etvalue and more");
  }

  @Test
  void guessesSecretsFromVariableNamesButIgnoresShortValuesAndOtherNames() {
    SecretMasker masker = SecretMasker.forEnvironment(Map.of(
        "GITHUB_TOKEN", "ghp_abcdef",
        "DB_PASSWORD", "pw",
        "SIGNING_KEY", "k3y-material",
        "REGION", "eu-west-1"));

    assertThat(masker.mask("ghp_abcdef pw k3y-material eu-west-1")).isEqualTo("**** pw **** eu-west-1");
  }

  @Test
  void theRendererRegistersEveryEnvironmentValueItReads() {
    TemplateRenderer renderer = new TemplateRenderer(Map.of("TARGET_HOST", "internal.example", "X", "y"));

    String rendered = renderer.render("https://${env:TARGET_HOST}/${version}", Map.of("version", "1.0"));

    assertThat(rendered).isEqualTo("https://internal.example/1.0");
    assertThat(renderer.masker().mask(rendered)).isEqualTo("https://****/1.0");
    assertThat(renderer.masker().mask("y")).isEqualTo("y");
  }

  @Test
  void aMissingVariableIsNamedWithoutAnyValue() {
    TemplateRenderer renderer = new TemplateRenderer(Map.of());

    assertThatThrownBy(() -> renderer.render("Bearer ${env:DEPLOY_TOKEN}", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DEPLOY_TOKEN");
  }

  @Test
  void namesEndingInUrlOrDsnLookSecretToo() {
    assertThat(SecretMasker.looksSecret("DATABASE_URL")).isTrue();
    assertThat(SecretMasker.looksSecret("SENTRY_DSN")).isTrue();
    assertThat(SecretMasker.looksSecret("SLACK_WEBHOOK_URL")).isTrue();
    assertThat(SecretMasker.looksSecret("URL_PREFIX")).isFalse();
    assertThat(SecretMasker.looksSecret("REGION")).isFalse();
  }

  @Test
  void aSecretIsMaskedInItsUrlEncodedFormEncodedAndJsonEscapedFormsToo() {
    SecretMasker masker = new SecretMasker();
    masker.register("p@ss/w\"rd x");

    assertThat(masker.mask("raw=p@ss/w\"rd x url=p%40ss%2Fw%22rd%20x form=p%40ss%2Fw%22rd+x json=p@ss/w\\\"rd x"))
        .isEqualTo("raw=**** url=**** form=**** json=****");
  }

  @Test
  void thePasswordOfAnyUrlIsMaskedEvenWhenNotRegistered() {
    SecretMasker masker = new SecretMasker();

    assertThat(masker.mask("DATABASE_URL=postgres://u:s3cr3tpw@db/x and https://bot:t0k@n@git.example/repo.git"))
        .isEqualTo("DATABASE_URL=postgres://u:****@db/x and https://bot:****@git.example/repo.git");
    assertThat(masker.mask("http://host:8080/path@x")).isEqualTo("http://host:8080/path@x");
  }

  @Test
  void aStreamNeverPassesOnTheStartOfASecretBeforeItKnowsHowItEnds() {
    SecretMasker masker = new SecretMasker();
    masker.register("abcdef123456");
    SecretMasker.Stream stream = masker.stream();

    assertThat(stream.push("token=abc")).isEqualTo("token=");
    assertThat(stream.push("def12")).isEmpty();
    assertThat(stream.push("3456 ok\nnext abc")).isEqualTo("**** ok\nnext ");
    // "abcx" is no secret after all: it is passed on as soon as that is clear.
    assertThat(stream.push("x done\n")).isEqualTo("abcx done\n");
    assertThat(stream.finish()).isEmpty();
  }

  @Test
  void aStreamHoldsBackAUrlUntilItsCredentialsAreComplete() {
    SecretMasker.Stream stream = new SecretMasker().stream();

    assertThat(stream.push("connecting to postgres://u:s3c")).isEqualTo("connecting to ");
    assertThat(stream.push("r3tpw@db/x now\n")).isEqualTo("postgres://u:****@db/x now\n");
    assertThat(stream.finish()).isEmpty();
  }

  @Test
  void everyVariableThatAPipelineReferencesIsMaskedInEveryStep(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Files.writeString(dir.resolve("shop.yaml"),
        "deploy:\n  http: { url: \"https://x/\", headers: { Authorization: \"Bearer ${env:HOOK_BEARER}\" } }\n");
    dev.deployflow.activities.ActivitySettings settings = new dev.deployflow.activities.ActivitySettings(
        dir, dir, dir.resolve("l"), dir, Map.of("HOOK_BEARER", "plain-named-value-1", "OTHER", "other-value-2"),
        null, null, 0);

    SecretMasker masker = TemplateRenderer.forWorker(settings).masker();

    assertThat(masker.mask("a plain-named-value-1 b other-value-2")).isEqualTo("a **** b other-value-2");
  }
}
