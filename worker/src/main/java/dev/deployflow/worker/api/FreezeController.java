package dev.deployflow.worker.api;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.Freeze;
import dev.deployflow.model.FreezeMessage;
import dev.deployflow.model.UnfreezeMessage;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stop the line over HTTP, mirroring {@code deployflow freeze / unfreeze / freezes}: the freeze
 * calendar {@code deployflow-freezes}. The token rules are those of every endpoint: a viewer reads
 * ({@code GET}), an operator places and lifts freezes, as their own identity ({@code by}).
 */
@RestController
@RequestMapping("/api/freezes")
public class FreezeController {
  private final ReleaseClient releases;
  private final SpeakerBodies bodies;
  private final JsonMapper json;

  public FreezeController(ReleaseClient releases, JsonMapper json) {
    this.releases = releases;
    this.bodies = new SpeakerBodies(json);
    this.json = json;
  }

  /** The active freezes, oldest first. */
  @GetMapping
  public List<Freeze> freezes() {
    return releases.freezes();
  }

  /** Places a freeze: 201 with the freeze and its id; 422 with the reason when the calendar refuses it. */
  @PostMapping
  public ResponseEntity<Freeze> freeze(@RequestBody ObjectNode body, Principal caller) {
    FreezeMessage message = bodies.read(body, "by", caller, FreezeMessage.class);
    MessageChecks.check(message);
    Freeze freeze = releases.freeze(message);
    return ResponseEntity.created(URI.create("/api/freezes/" + freeze.id())).body(freeze);
  }

  /**
   * Lifts a freeze (the body, when given, is {@code {"by"}}); answers the lifted freeze. The freeze
   * is the path's: an {@code id} in the body is refused rather than silently replaced.
   */
  @DeleteMapping("/{id}")
  public Freeze unfreeze(@PathVariable String id, @RequestBody(required = false) ObjectNode body, Principal caller) {
    if (body != null && body.has("id")) {
      throw new BodyFieldException("id", "id: is unknown; the freeze to lift is the path's, and this body takes by");
    }
    ObjectNode given = body == null ? json.createObjectNode() : body;
    given.put("id", id);
    UnfreezeMessage message = bodies.read(given, "by", caller, UnfreezeMessage.class);
    MessageChecks.check(message);
    return releases.unfreeze(message);
  }
}
