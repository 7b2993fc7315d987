package dev.deployflow.demo.target;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo target runs: for each environment and component a stable version, a candidate
 * version and the share of traffic the candidate gets; plus the ordered record of every deploy
 * call and notification received. All methods are synchronized because the HTTP server answers
 * on several threads.
 *
 * <p>Versions ending in {@code -bad} behave well everywhere except in their metrics, so that a
 * bad release passes its smoke tests and is caught by canary analysis, as in real life.
 */
public final class TargetState {
  /** The environments the target simulates. */
  public static final List<String> ENVIRONMENTS = List.of("staging", "production", "production-us", "production-eu");

  /** The components each environment runs. */
  public static final List<String> COMPONENTS = List.of("api", "web", "worker");

  static final double NORMAL_ERROR_RATE = 0.001;
  static final double NORMAL_LATENCY_P99 = 0.12;

  private final Map<String, Map<String, Slot>> slots = new LinkedHashMap<>();
  private final Map<String, DeployResponse> appliedByKey = new HashMap<>();
  private final List<DeployEvent> events = new ArrayList<>();
  private final List<Object> notifications = new ArrayList<>();

  /** An empty target: nothing deployed anywhere yet. */
  public TargetState() {
    for (String env : ENVIRONMENTS) {
      Map<String, Slot> components = new LinkedHashMap<>();
      for (String component : COMPONENTS) {
        components.put(component, new Slot());
      }
      slots.put(env, components);
    }
  }

  /** One deploy request as the target receives it. */
  public record DeployCommand(String environment, String component, String version, Integer weight) {}

  /**
   * What a deploy call did. {@code action} is {@code promoted} (the version became stable),
   * {@code canary} (the version is the candidate at {@code weight}), {@code rolled_back} (the
   * candidate was dropped in favour of the stable version), {@code cleared} (a weight of 0) or
   * {@code unchanged}.
   */
  public record DeployResponse(String action, ComponentView state) {}

  /**
   * One deploy call received, in order. {@code duplicate} marks a call whose idempotency key was
   * seen before: it was answered with the first answer and changed nothing.
   */
  public record DeployEvent(
      int sequence,
      String at,
      String environment,
      String component,
      String version,
      int weight,
      String idempotencyKey,
      boolean duplicate,
      String action) {}

  /** What one component runs in one environment; {@code candidate} is null when none. */
  public record ComponentView(String version, String candidate, int weight) {}

  /** Thrown for a request the target refuses; {@code status} is the HTTP status to answer. */
  public static final class TargetException extends RuntimeException {
    private final int status;

    TargetException(int status, String message) {
      super(message);
      this.status = status;
    }

    /** The HTTP status that describes the refusal. */
    public int status() {
      return status;
    }
  }

  /** Makes every environment run {@code version} of every component, with no candidate. */
  public synchronized void seed(String version) {
    for (Map<String, Slot> components : slots.values()) {
      for (Slot slot : components.values()) {
        slot.stable = version;
        slot.candidate = null;
        slot.weight = 0;
      }
    }
  }

  /**
   * Applies a deploy. A key seen before returns the first answer and changes nothing. Weight 100
   * makes the version stable; deploying the stable version drops any candidate (a rollback);
   * a lower weight makes the version the candidate at that weight.
   *
   * @throws TargetException for an unknown environment or component, or a bad version or weight
   */
  public synchronized DeployResponse deploy(DeployCommand command, String idempotencyKey) {
    Slot slot = slot(command.environment(), command.component());
    if (command.version() == null || command.version().isBlank()) {
      throw new TargetException(400, "version is required");
    }
    if (command.weight() == null || command.weight() < 0 || command.weight() > 100) {
      throw new TargetException(400, "weight must be between 0 and 100, was " + command.weight());
    }
    String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey;
    DeployResponse previous = key == null ? null : appliedByKey.get(key);
    DeployResponse response = previous != null ? previous : apply(slot, command);
    if (key != null && previous == null) {
      appliedByKey.put(key, response);
    }
    events.add(
        new DeployEvent(
            events.size() + 1,
            Instant.now().toString(),
            command.environment(),
            command.component(),
            command.version(),
            command.weight(),
            key,
            previous != null,
            response.action()));
    return response;
  }

  private static DeployResponse apply(Slot slot, DeployCommand command) {
    String version = command.version();
    int weight = command.weight();
    String action;
    if (version.equals(slot.stable)) {
      action = slot.candidate == null ? "unchanged" : "rolled_back";
      slot.candidate = null;
      slot.weight = 0;
    } else if (weight == 100) {
      action = "promoted";
      slot.stable = version;
      slot.candidate = null;
      slot.weight = 0;
    } else if (weight == 0) {
      action = slot.candidate == null ? "unchanged" : "cleared";
      slot.candidate = null;
      slot.weight = 0;
    } else {
      action = "canary";
      slot.candidate = version;
      slot.weight = weight;
    }
    return new DeployResponse(action, slot.view());
  }

  /**
   * What a component runs.
   *
   * @throws TargetException 404 for an unknown environment or component, or one never deployed
   */
  public synchronized ComponentView version(String environment, String component) {
    Slot slot = slot(environment, component);
    if (slot.stable == null) {
      throw new TargetException(404, component + " is not deployed in " + environment);
    }
    return slot.view();
  }

  /** Whether the environment exists; its health is always UP. */
  public synchronized boolean hasEnvironment(String environment) {
    return slots.containsKey(environment);
  }

  /**
   * The environment's error rate, of one component or the worst of all when {@code component} is
   * null: {@value #NORMAL_ERROR_RATE} normally, much higher when a {@code -bad} version serves
   * traffic, growing with its share.
   */
  public synchronized double errorRate(String environment, String component) {
    return worst(environment, component, NORMAL_ERROR_RATE, 0.02, 0.2);
  }

  /** The environment's p99 latency in seconds, worse when a {@code -bad} version serves traffic. */
  public synchronized double latencyP99(String environment, String component) {
    return worst(environment, component, NORMAL_LATENCY_P99, 0.1, 0.8);
  }

  private double worst(String environment, String component, double normal, double base, double scale) {
    List<Slot> chosen = new ArrayList<>();
    if (component == null || component.isBlank()) {
      chosen.addAll(environmentSlots(environment).values());
    } else {
      chosen.add(slot(environment, component));
    }
    double worst = normal;
    for (Slot slot : chosen) {
      int badShare = 0;
      if (isBad(slot.stable)) {
        badShare += 100 - slot.weight;
      }
      if (isBad(slot.candidate)) {
        badShare += slot.weight;
      }
      if (badShare > 0) {
        worst = Math.max(worst, normal + base + scale * badShare / 100.0);
      }
    }
    return worst;
  }

  private static boolean isBad(String version) {
    return version != null && version.endsWith("-bad");
  }

  /** Records a notification as it was posted. */
  public synchronized void recordNotification(Object body) {
    notifications.add(body);
  }

  /** The notifications received, oldest first. */
  public synchronized List<Object> notifications() {
    return List.copyOf(notifications);
  }

  /** Every deploy call received, oldest first, duplicates included. */
  public synchronized List<DeployEvent> events() {
    return List.copyOf(events);
  }

  /** Everything: environment, then component, then what it runs. */
  public synchronized Map<String, Map<String, ComponentView>> snapshot() {
    Map<String, Map<String, ComponentView>> copy = new LinkedHashMap<>();
    slots.forEach(
        (env, components) -> {
          Map<String, ComponentView> views = new LinkedHashMap<>();
          components.forEach((name, slot) -> views.put(name, slot.view()));
          copy.put(env, views);
        });
    return copy;
  }

  private Map<String, Slot> environmentSlots(String environment) {
    Map<String, Slot> components = slots.get(environment);
    if (components == null) {
      throw new TargetException(404, "unknown environment '" + environment + "'; known: " + ENVIRONMENTS);
    }
    return components;
  }

  private Slot slot(String environment, String component) {
    Slot slot = environmentSlots(environment).get(component);
    if (slot == null) {
      throw new TargetException(404, "unknown component '" + component + "'; known: " + COMPONENTS);
    }
    return slot;
  }

  /** Mutable, guarded by the enclosing state's lock. */
  private static final class Slot {
    private String stable;
    private String candidate;
    private int weight;

    ComponentView view() {
      return new ComponentView(stable, candidate, weight);
    }
  }
}
