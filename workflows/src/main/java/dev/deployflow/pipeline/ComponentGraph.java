package dev.deployflow.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order in which components deploy: their layers. Without {@code dependsOn} anywhere in the
 * pipeline every component is a layer of its own, in pipeline order, so a release deploys them one
 * after another as it always has. With {@code dependsOn}, a component's layer is one more than the
 * highest layer of the components it depends on, and components that depend on nothing (they say
 * no {@code dependsOn}, or an empty one) are layer 0: the components of one layer are independent
 * of each other and deploy at the same time, each layer after the one before. Within a layer the
 * pipeline's order holds. A rollback undoes the layers in reverse.
 */
public final class ComponentGraph {
  private ComponentGraph() {}

  /** Whether any component says {@code dependsOn}: then the components form a graph. */
  public static boolean declared(List<Component> components) {
    return components != null && components.stream().anyMatch(c -> c != null && c.dependsOn() != null);
  }

  /**
   * The layers, in deploy order, for a pipeline that {@link PipelineValidator} accepts.
   *
   * @throws IllegalArgumentException when a dependency is unknown or the components form a cycle
   */
  public static List<List<Component>> layers(List<Component> components) {
    List<Component> all = components == null ? List.of() : components;
    if (!declared(all)) {
      return all.stream().map(List::of).toList();
    }
    Map<String, Component> byName = new LinkedHashMap<>();
    all.forEach(c -> byName.put(c.name(), c));
    Map<String, Integer> depth = new HashMap<>();
    for (Component c : all) {
      depth(c, byName, depth, new ArrayList<>());
    }
    TreeMap<Integer, List<Component>> layers = new TreeMap<>();
    for (Component c : all) {
      layers.computeIfAbsent(depth.get(c.name()), d -> new ArrayList<>()).add(c);
    }
    return layers.values().stream().map(List::copyOf).toList();
  }

  /** The components in deploy order: the layers one after another. */
  public static List<Component> ordered(List<Component> components) {
    return layers(components).stream().flatMap(List::stream).toList();
  }

  private static int depth(Component c, Map<String, Component> byName, Map<String, Integer> depth, List<String> path) {
    Integer known = depth.get(c.name());
    if (known != null) {
      return known;
    }
    if (path.contains(c.name())) {
      throw new IllegalArgumentException("components: cycle " + String.join(" -> ", path) + " -> " + c.name());
    }
    path.add(c.name());
    int d = 0;
    for (String name : c.dependsOn() == null ? List.<String>of() : c.dependsOn()) {
      Component dependency = byName.get(name);
      if (dependency == null) {
        throw new IllegalArgumentException("components: " + c.name() + " depends on unknown component '" + name + "'");
      }
      d = Math.max(d, depth(dependency, byName, depth, path) + 1);
    }
    path.remove(path.size() - 1);
    depth.put(c.name(), d);
    return d;
  }

  /**
   * Checks every {@code dependsOn}: each entry names another component of the pipeline, once, and
   * the components form no cycle. A cycle is reported at the entry that closes it, with the cycle
   * from the component it returns to, e.g.
   * {@code components[2].dependsOn[0]: cycle api -> web -> api} (api depends on web, web on api).
   */
  static void check(List<Component> components, ValidationProblems problems) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < components.size(); i++) {
      Component c = components.get(i);
      if (c != null && c.name() != null) {
        index.putIfAbsent(c.name(), i);
      }
    }
    // The edges that are sound enough to look for cycles along: known names, no self, no repeat.
    Map<Integer, List<int[]>> edges = new HashMap<>();
    for (int i = 0; i < components.size(); i++) {
      Component c = components.get(i);
      if (c == null || c.dependsOn() == null) {
        continue;
      }
      List<String> seen = new ArrayList<>();
      for (int j = 0; j < c.dependsOn().size(); j++) {
        String path = "components[" + i + "].dependsOn[" + j + "]";
        String name = c.dependsOn().get(j);
        if (name == null || name.isBlank()) {
          problems.add(path, "must name a component");
        } else if (name.equals(c.name())) {
          problems.add(path, "'" + name + "' cannot depend on itself");
        } else if (seen.contains(name)) {
          problems.add(path, "'" + name + "' is listed twice");
        } else if (!index.containsKey(name)) {
          problems.add(path, "'" + name + "' is not a component of this pipeline; known: "
              + String.join(", ", index.keySet().stream().sorted().toList()));
        } else {
          seen.add(name);
          edges.computeIfAbsent(i, k -> new ArrayList<>()).add(new int[] {index.get(name), j});
        }
      }
    }
    int[] state = new int[components.size()];
    List<Integer> stack = new ArrayList<>();
    for (int i = 0; i < components.size(); i++) {
      cycles(i, components, edges, state, stack, problems);
    }
  }

  private static final int VISITING = 1;
  private static final int DONE = 2;

  /** A depth-first walk in pipeline order; an edge back to a component on the walk closes a cycle. */
  private static void cycles(int i, List<Component> components, Map<Integer, List<int[]>> edges, int[] state,
      List<Integer> stack, ValidationProblems problems) {
    if (state[i] != 0) {
      return;
    }
    state[i] = VISITING;
    stack.add(i);
    for (int[] edge : edges.getOrDefault(i, List.of())) {
      int target = edge[0];
      if (state[target] == VISITING) {
        List<String> cycle = new ArrayList<>();
        for (int k = stack.indexOf(target); k < stack.size(); k++) {
          cycle.add(components.get(stack.get(k)).name());
        }
        cycle.add(components.get(target).name());
        problems.add("components[" + i + "].dependsOn[" + edge[1] + "]", "cycle " + String.join(" -> ", cycle));
      } else {
        cycles(target, components, edges, state, stack, problems);
      }
    }
    stack.remove(stack.size() - 1);
    state[i] = DONE;
  }
}
