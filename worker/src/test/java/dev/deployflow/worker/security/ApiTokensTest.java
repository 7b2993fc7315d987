package dev.deployflow.worker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

/** Parsing {@code deployflow.api.tokens} and looking tokens up. */
class ApiTokensTest {
  private static final String ALICE = "alice-operator-token-0001";
  private static final String VIC = "vic-viewer-token-00000001";

  @Test
  void aPlainAndAHashedSecretBothIdentifyTheirOwner() {
    String hashed = HexFormat.of().formatHex(ApiTokens.sha256(VIC));
    ApiTokens tokens =
        ApiTokens.parse(List.of("alice:operator:" + ALICE, " vic : Viewer :sha256:" + hashed));

    OAuth2AuthenticatedPrincipal alice = tokens.introspect(ALICE);
    OAuth2AuthenticatedPrincipal vic = tokens.introspect(VIC);

    assertThat(alice.getName()).isEqualTo("alice");
    assertThat(alice.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactlyInAnyOrder("ROLE_OPERATOR", "ROLE_VIEWER");
    assertThat(vic.getName()).isEqualTo("vic");
    assertThat(vic.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_VIEWER");
  }

  @Test
  void anUnknownTokenOrTheHashItselfIsRefused() {
    String hashed = HexFormat.of().formatHex(ApiTokens.sha256(VIC));
    ApiTokens tokens = ApiTokens.parse(List.of("vic:viewer:sha256:" + hashed));

    assertThatThrownBy(() -> tokens.introspect("vic-viewer-token-00000002"))
        .isInstanceOf(BadOpaqueTokenException.class)
        .hasMessage("the bearer token is not valid");
    assertThatThrownBy(() -> tokens.introspect("sha256:" + hashed))
        .isInstanceOf(BadOpaqueTokenException.class);
    assertThatThrownBy(() -> tokens.introspect(hashed)).isInstanceOf(BadOpaqueTokenException.class);
  }

  @Test
  void aSecretMayHoldColons() {
    ApiTokens tokens = ApiTokens.parse(List.of("ci-bot:operator:abc:def:ghi:jkl:mno:p"));

    assertThat(tokens.introspect("abc:def:ghi:jkl:mno:p").getName()).isEqualTo("ci-bot");
  }

  @Test
  void badEntriesFailNamingTheirPositionButNeverTheSecret() {
    assertRefused("alice:operator", "entry 1: must be identity:role:secret");
    assertRefused("alice:admin:" + ALICE, "entry 1: 'admin' is not a role (viewer, operator)");
    assertRefused("al ice:operator:" + ALICE, "entry 1: identity 'al ice' must match");
    assertRefused("alice:operator:short-secret", "entry 1: the secret must be at least 16 characters");
    assertRefused("alice:operator:sha256:abcd", "entry 1: a sha256: secret must be 64 hexadecimal digits");
    assertThatThrownBy(
            () -> ApiTokens.parse(List.of("alice:operator:" + ALICE, "bob:operator:" + ALICE)))
        .hasMessage(
            "deployflow.api.tokens (DEPLOYFLOW_API_TOKENS), entry 2: its secret is the same as"
                + " another entry's")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(ALICE));
  }

  @Test
  void blankEntriesAreIgnored() {
    assertThat(ApiTokens.parse(List.of("", " ")).isEmpty()).isTrue();
  }

  private static void assertRefused(String spec, String problem) {
    assertThatThrownBy(() -> ApiTokens.parse(List.of(spec)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("deployflow.api.tokens (DEPLOYFLOW_API_TOKENS), " + problem)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-secret").doesNotContain(ALICE));
  }
}
