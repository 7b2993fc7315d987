package dev.deployflow.worker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.worker.Statuses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API with an OIDC issuer: a MockWebServer serves the issuer's discovery document and
 * its JWKS (one RSA key), and the tests present JWTs signed by that key, by another key, expired,
 * of another issuer, and without a role. A static token keeps working next to the issuer.
 */
@SpringBootTest(
    classes = ApiTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      ApiTestApplication.PIPELINES,
      "deployflow.api.tokens=alice:operator:" + ApiSecurityTest.ALICE
    })
class OidcApiTest {
  private static final RSAKey KEY = rsaKey("issuer-key");
  private static final RSAKey OTHER_KEY = rsaKey("issuer-key");
  private static MockWebServer issuerServer;
  private static String issuer;

  @MockitoBean ReleaseClient releases;
  @LocalServerPort int port;
  private Http http;

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) throws IOException {
    issuerServer = new MockWebServer();
    issuerServer.setDispatcher(new IssuerDispatcher());
    issuerServer.start(InetAddress.getLoopbackAddress(), 0);
    issuer = issuerServer.url("/realms/deploy").toString();
    registry.add("deployflow.api.oidc.issuer-uri", () -> issuer);
    registry.add("deployflow.api.oidc.audience", () -> "deployflow");
  }

  @AfterAll
  static void stopIssuer() {
    if (issuerServer != null) {
      issuerServer.close();
    }
  }

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void anOperatorJwtActsAsItsPreferredUsername() {
    when(releases.approve(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());

    HttpResponse<String> response =
        http.post("/api/releases/shop-api/approve", jwt(claims("dana", "deployflow-operator")), "{}");

    assertThat(response.statusCode()).isEqualTo(200);
    verify(releases).approve("shop-api", new ApproveMessage("dana", null, null));
  }

  @Test
  void aJwtMayNotActForSomeoneElse() {
    HttpResponse<String> response =
        http.post(
            "/api/releases/shop-api/approve",
            jwt(claims("dana", "deployflow-operator")),
            "{\"by\":\"bob\"}");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Http.json(response)).containsEntry("field", "by");
    verifyNoInteractions(releases);
  }

  @Test
  void aViewerJwtReadsButMayNotPost() {
    when(releases.status("shop-api")).thenReturn(Statuses.waitingForApproval());
    String token = jwt(claims("erin", "deployflow-viewer"));

    assertThat(http.get("/api/releases/shop-api", token).statusCode()).isEqualTo(200);
    HttpResponse<String> post = http.post("/api/releases/shop-api/approve", token, "{}");

    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(Http.json(post))
        .containsEntry(
            "detail",
            "erin holds a viewer token, which only reads; starting releases and sending messages"
                + " needs an operator token");
  }

  @Test
  void aJwtWithoutADeployflowRoleMayDoNothing() {
    HttpResponse<String> response =
        http.get("/api/releases/shop-api", jwt(claims("frank", "some-other-role")));

    assertThat(response.statusCode()).isEqualTo(403);
    verifyNoInteractions(releases);
  }

  @Test
  void aJwtSignedByAnotherKeyIs401() {
    HttpResponse<String> response =
        http.get("/api/releases/shop-api", jwt(OTHER_KEY, claims("dana", "deployflow-operator")));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer error=\"invalid_token\"");
    verifyNoInteractions(releases);
  }

  @Test
  void anExpiredJwtIs401() {
    JWTClaimsSet expired =
        new JWTClaimsSet.Builder(claims("dana", "deployflow-operator"))
            .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
            .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1))))
            .build();

    HttpResponse<String> response = http.get("/api/releases/shop-api", jwt(expired));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat((String) Http.json(response).get("detail")).contains("expired");
    verifyNoInteractions(releases);
  }

  @Test
  void aJwtOfAnotherIssuerOrAudienceIs401() {
    JWTClaimsSet otherIssuer =
        new JWTClaimsSet.Builder(claims("dana", "deployflow-operator"))
            .issuer("https://evil.example/realms/deploy")
            .build();
    JWTClaimsSet otherAudience =
        new JWTClaimsSet.Builder(claims("dana", "deployflow-operator")).audience("billing").build();

    assertThat(http.get("/api/releases/shop-api", jwt(otherIssuer)).statusCode()).isEqualTo(401);
    assertThat(http.get("/api/releases/shop-api", jwt(otherAudience)).statusCode()).isEqualTo(401);
    verifyNoInteractions(releases);
  }

  @Test
  void aJwtWhoseIdentityIsNotAValidNameIs401() {
    HttpResponse<String> response =
        http.get("/api/releases/shop-api", jwt(claims("dana smith\u001b[2J", "deployflow-operator")));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response))
        .containsEntry(
            "detail",
            "the token's 'preferred_username' (or 'sub') claim is missing or is not a valid name"
                + " ([A-Za-z0-9][A-Za-z0-9._@-]{0,63})");
    verifyNoInteractions(releases);
  }

  @Test
  void staticTokensStillWorkNextToTheIssuer() {
    when(releases.status("shop-api")).thenReturn(Statuses.waitingForApproval());

    assertThat(http.get("/api/releases/shop-api", ApiSecurityTest.ALICE).statusCode())
        .isEqualTo(200);
  }

  @Test
  void theProtectedResourceMetadataNamesTheIssuer() {
    HttpResponse<String> metadata = http.get("/.well-known/oauth-protected-resource", null);

    assertThat(metadata.statusCode()).isEqualTo(200);
    assertThat(Http.json(metadata))
        .containsEntry("authorization_servers", List.of(issuer))
        .containsEntry("resource_name", "deployflow REST API")
        .containsEntry("tls_client_certificate_bound_access_tokens", false);
  }

  private static JWTClaimsSet claims(String user, String role) {
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject("f0e1d2c3-" + user)
        .audience("deployflow")
        .claim("preferred_username", user)
        .claim("roles", List.of(role))
        .issueTime(new Date())
        .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
        .build();
  }

  private static String jwt(JWTClaimsSet claims) {
    return jwt(KEY, claims);
  }

  private static String jwt(RSAKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAKey rsaKey(String keyId) {
    try {
      return new RSAKeyGenerator(2048).keyID(keyId).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The issuer: its OpenID discovery document and its public key set. */
  private static final class IssuerDispatcher extends Dispatcher {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      if (path.equals("/realms/deploy/.well-known/openid-configuration")) {
        return json(
            Map.of(
                "issuer", issuer,
                "jwks_uri", issuer + "/keys",
                "authorization_endpoint", issuer + "/auth",
                "token_endpoint", issuer + "/token",
                "subject_types_supported", List.of("public"),
                "response_types_supported", List.of("code"),
                "id_token_signing_alg_values_supported", List.of("RS256")));
      }
      if (path.equals("/realms/deploy/keys")) {
        return json(new JWKSet(KEY.toPublicJWK()).toJSONObject());
      }
      return new MockResponse.Builder().code(404).build();
    }

    private static MockResponse json(Object body) {
      return new MockResponse.Builder()
          .code(200)
          .addHeader("Content-Type", "application/json")
          .body(JSON.writeValueAsString(body))
          .build();
    }
  }
}
