package dev.deployflow.worker.security;

import dev.deployflow.model.InputRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * The REST API's static bearer tokens ({@code identity:role:secret}), plugged into Spring
 * Security's resource server as an opaque-token introspector that looks tokens up locally.
 *
 * <p>Only the SHA-256 digest of each secret is kept, so an operator can configure
 * {@code sha256:<hex>} and never put the token itself in the worker's environment. A presented
 * token is hashed and compared with every entry through {@link MessageDigest#isEqual}, without
 * stopping at the first match, so the time taken says nothing about how close a guess was.
 */
public final class ApiTokens implements OpaqueTokenIntrospector {

  /** Plain secrets shorter than this are refused at start-up: they are guessable. */
  static final int MIN_SECRET_LENGTH = 16;

  private static final String SHA256_PREFIX = "sha256:";

  /** One configured token. */
  record Entry(String identity, ApiRole role, byte[] digest) {}

  private final List<Entry> entries;

  private ApiTokens(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Parses the {@code deployflow.api.tokens} entries. A bad entry fails with a message naming its
   * position and what is wrong, never showing the secret.
   */
  public static ApiTokens parse(List<String> specs) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      String spec = specs.get(i) == null ? "" : specs.get(i).strip();
      if (spec.isEmpty()) {
        continue;
      }
      Entry entry = entry(spec, i + 1);
      for (Entry other : entries) {
        if (MessageDigest.isEqual(other.digest(), entry.digest())) {
          throw invalid(i + 1, "its secret is the same as another entry's");
        }
      }
      entries.add(entry);
    }
    return new ApiTokens(entries);
  }

  private static Entry entry(String spec, int position) {
    String[] parts = spec.split(":", 3);
    if (parts.length < 3 || parts[2].isEmpty()) {
      throw invalid(position, "must be identity:role:secret");
    }
    String identity = parts[0].strip();
    if (!Identity.valid(identity)) {
      throw invalid(position, "identity '" + identity + "' must match " + InputRules.PERSON_RULE);
    }
    ApiRole role;
    try {
      role = ApiRole.parse(parts[1]);
    } catch (IllegalArgumentException e) {
      throw invalid(position, e.getMessage());
    }
    return new Entry(identity, role, digestOf(parts[2], position));
  }

  private static byte[] digestOf(String secret, int position) {
    if (secret.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
      String hex = secret.substring(SHA256_PREFIX.length()).strip();
      if (!hex.matches("[0-9a-fA-F]{64}")) {
        throw invalid(position, "a sha256: secret must be 64 hexadecimal digits");
      }
      return HexFormat.of().parseHex(hex);
    }
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw invalid(position, "the secret must be at least " + MIN_SECRET_LENGTH + " characters");
    }
    return sha256(secret);
  }

  private static InvalidCredentialSettingException invalid(int position, String problem) {
    return new InvalidCredentialSettingException(
        "deployflow.api.tokens (DEPLOYFLOW_API_TOKENS), entry " + position + ": " + problem);
  }

  /** Whether no token is configured. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** How many tokens are configured. */
  public int size() {
    return entries.size();
  }

  @Override
  public OAuth2AuthenticatedPrincipal introspect(String token) {
    byte[] presented = sha256(Objects.requireNonNull(token, "token"));
    Entry found = null;
    for (Entry entry : entries) {
      // Every entry is compared, whether or not one already matched.
      boolean same = MessageDigest.isEqual(entry.digest(), presented);
      if (same && found == null) {
        found = entry;
      }
    }
    if (found == null) {
      throw new BadOpaqueTokenException("the bearer token is not valid");
    }
    return new DefaultOAuth2AuthenticatedPrincipal(
        found.identity(),
        Map.of("sub", found.identity(), "role", found.role().name().toLowerCase(java.util.Locale.ROOT)),
        found.role().authorities());
  }

  /** The SHA-256 of {@code text} in UTF-8. */
  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      // Every Java runtime must provide SHA-256.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "ApiTokens[" + entries.size() + " entries]";
  }
}
