package dev.deployflow.worker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.client.ReleaseClient;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** An unusable token or chat-user setting stops start-up naming the entry, never the secret. */
@ExtendWith(OutputCaptureExtension.class)
class BadCredentialSettingsTest {

  @Test
  void aTokenWithAnUnknownRoleStopsStartUp(CapturedOutput output) {
    assertThatThrownBy(() -> start("--deployflow.api.tokens=alice:admin:a-secret-nobody-sees-1"))
        .isInstanceOf(RuntimeException.class);

    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains(
            "deployflow.api.tokens (DEPLOYFLOW_API_TOKENS), entry 1: 'admin' is not a role"
                + " (viewer, operator)")
        .doesNotContain("a-secret-nobody-sees-1");
  }

  @Test
  void aChatUserWithoutIdentityStopsStartUp(CapturedOutput output) {
    assertThatThrownBy(
            () ->
                start(
                    "--deployflow.chat.signing-secret=s",
                    "--deployflow.chat.users=U1:bob,U2"))
        .isInstanceOf(RuntimeException.class);

    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains("deployflow.chat.users (DEPLOYFLOW_CHAT_USERS), entry 2: identity '' must match");
  }

  private static void start(String... arguments) {
    String[] all = new String[arguments.length + 2];
    all[0] = "--server.port=0";
    all[1] = "--" + ApiTestApplication.PIPELINES;
    System.arraycopy(arguments, 0, all, 2, arguments.length);
    new SpringApplicationBuilder(ApiTestApplication.class)
        .initializers(
            context ->
                context
                    .getBeanFactory()
                    .registerSingleton("releaseClient", Mockito.mock(ReleaseClient.class)))
        .run(all)
        .close();
  }
}
