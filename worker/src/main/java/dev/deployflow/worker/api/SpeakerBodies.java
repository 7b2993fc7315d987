package dev.deployflow.worker.api;

import java.security.Principal;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a request body as the model's record with the speaker filled in from the caller's
 * credentials: the body's {@code by} (or {@code requestedBy}) may be left out, and when given
 * must be the caller's own identity. The body is handled as a JSON tree first so that this works
 * for every message, whatever other fields it has. The API's mapper ({@link ApiJson}) refuses
 * unknown fields and wrong JSON types; that refusal names the field ({@link BodyFieldException}).
 */
final class SpeakerBodies {
  private final JsonMapper json;

  SpeakerBodies(JsonMapper json) {
    this.json = json;
  }

  /**
   * {@code body} as a {@code type}, with {@code field} set to the caller's identity.
   *
   * @throws SpeakerMismatchException when the body names someone else
   * @throws BodyFieldException when the speaker is not a string, or a field is unknown or of the
   *     wrong JSON type
   * @throws tools.jackson.core.JacksonException when the body does not fit {@code type} otherwise
   */
  <T> T read(ObjectNode body, String field, Principal caller, Class<T> type) {
    String identity = identity(caller);
    JsonNode given = body.get(field);
    if (given != null && !given.isNull()) {
      if (!given.isString()) {
        throw new BodyFieldException(field, field + ": must be a string, not " + BodyFieldException.kind(given));
      }
      if (!given.asString().equals(identity)) {
        throw new SpeakerMismatchException(field, identity);
      }
    }
    body.put(field, identity);
    try {
      return json.treeToValue(body, type);
    } catch (MismatchedInputException unfit) {
      BodyFieldException named = BodyFieldException.of(unfit, body);
      throw named != null ? named : unfit;
    }
  }

  /** The caller's identity; the security filters guarantee one on every API request. */
  static String identity(Principal caller) {
    if (caller == null || caller.getName() == null || caller.getName().isBlank()) {
      throw new AuthenticationCredentialsNotFoundException("no authenticated caller");
    }
    return caller.getName();
  }
}
