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
}
