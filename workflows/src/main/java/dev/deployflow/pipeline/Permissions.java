package dev.deployflow.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may send which operator message to one release (CONTRACT.md "Who may do what"), decided
 * from the pipeline and the release's requester alone, whatever the channel:
 *
 * <ul>
 *   <li>{@code approve}, {@code reject}: production's approvers; the requester only when the gate
 *       says {@code allowSelfApproval}.
 *   <li>{@code promote} (also {@code full}): production's approvers and the pipeline's
 *       {@code operators}; never the requester unless {@code allowSelfApproval}, since promoting
 *       skips the checks that stand in for a second pair of eyes.
 *   <li>{@code retry}, {@code skip} (at a decision gate): production's approvers and the
 *       operators.
 *   <li>{@code pause}, {@code resume}, {@code rollback}: the requester, the approvers and the
 *       operators; rolling back is always the safe direction.
 *   <li>{@code breakGlass} (a hotfix passes a freeze): production's approvers only, the requester
 *       only when the gate says {@code allowSelfApproval}; passing a freeze is an approval.
 * </ul>
 *
 * <p>Without {@code operators} the operators are production's approvers. When production has no
 * approval gate there are no approvers: only the requester and the {@code operators} may pause,
 * resume and roll back, nobody approves, and promoting needs {@code operators} (the requester
 * never promotes their own release, as there is no gate that could allow it).
 *
 * <p>Names compare exactly, as people are named in the pipeline. Pure, so the workflow, the plan
 * and tests share it.
 */
public final class Permissions {

  /** The messages whose sender is checked. */
  public enum Action {
    APPROVE,
    REJECT,
    PROMOTE,
    RETRY,
    SKIP,
    PAUSE,
    RESUME,
    ROLLBACK,
    BREAK_GLASS;

    /** The message's name, as CONTRACT.md spells it. */
    public String json() {
      return this == BREAK_GLASS ? "breakGlass" : name().toLowerCase(Locale.ROOT);
    }
  }

  private final String gate;
  private final List<String> approvers;
  private final boolean selfApproval;
  private final List<String> operators;
  private final String requester;

  private Permissions(String gate, List<String> approvers, boolean selfApproval, List<String> operators, String requester) {
    this.gate = gate;
    this.approvers = approvers;
    this.selfApproval = selfApproval;
    this.operators = operators;
    this.requester = requester;
  }

  /** The permissions of a release of {@code pipeline} requested by {@code requester}. */
  public static Permissions of(Pipeline pipeline, String requester) {
    Environment production = pipeline == null ? null : pipeline.production();
    ApprovalSpec approval = production == null ? null : production.approval();
    // Every wave's approvers may approve: a later wave may have a gate of its own, with other people.
    Set<String> everyApprover = new LinkedHashSet<>();
    for (Environment wave : pipeline == null ? List.<Environment>of() : pipeline.waves()) {
      if (wave != null && wave.approval() != null && wave.approval().approvers() != null) {
        everyApprover.addAll(names(wave.approval().approvers()));
      }
    }
    List<String> approvers = List.copyOf(everyApprover);
    List<String> operators = pipeline == null || pipeline.operators() == null
        ? approvers : names(pipeline.operators());
    return new Permissions(production == null ? null : production.name(), approvers,
        approval != null && approval.selfApprovalAllowed(), operators, requester);
  }

  /** Whether {@code by} may send the message. */
  public boolean allows(Action action, String by) {
    return by != null && allowed(action).contains(by);
  }

  /** Everyone who may send the message, in the order the refusal lists them. */
  public List<String> allowed(Action action) {
    Set<String> names = new LinkedHashSet<>();
    switch (action) {
      case APPROVE, REJECT, BREAK_GLASS -> names.addAll(approvers);
      case PROMOTE, RETRY, SKIP -> {
        names.addAll(approvers);
        names.addAll(operators);
      }
      case PAUSE, RESUME, ROLLBACK -> {
        if (requester != null) {
          names.add(requester);
        }
        names.addAll(approvers);
        names.addAll(operators);
      }
    }
    if ((action == Action.APPROVE || action == Action.REJECT || action == Action.PROMOTE || action == Action.BREAK_GLASS)
        && !selfApproval) {
      names.remove(requester);
    }
    return List.copyOf(names);
  }

  /**
   * Why {@code by} may not send the message, or null when they may. The reason says who may, e.g.
   * {@code bob may not promote demo-shop 1.1.0: promote is for the production approvers and
   * operators (carol, dave)}; it names people, so channels show it only to authenticated callers.
   *
   * @param what how the message reads in the reason, e.g. {@code promote} or {@code promote (full)}
   * @param release the release as a person names it, e.g. {@code demo-shop 1.1.0}
   */
  public String refusal(Action action, String by, String what, String release) {
    if (allows(action, by)) {
      return null;
    }
    String head = by + " may not " + what + " " + release + ": ";
    boolean selfRefused = by.equals(requester) && !selfApproval
        && (action == Action.APPROVE || action == Action.REJECT || action == Action.PROMOTE || action == Action.BREAK_GLASS)
        && (approvers.contains(by) || (action == Action.PROMOTE && operators.contains(by)));
    String why = !selfRefused ? ""
        : gate != null && !approvers.isEmpty()
            ? by + " requested it, and gate '" + gate + "' does not allow self-approval (separation of duties); "
            : by + " requested it, and without an approval gate nothing allows self-approval (separation of duties); ";
    String others = selfRefused ? " other than the requester" : "";
    String who = switch (action) {
      case APPROVE, REJECT, BREAK_GLASS -> gate == null || approvers.isEmpty()
          ? action.json() + " is for the approvers of production's approval gate, and production has none"
          : action.json() + " is for the approvers of gate '" + gate + "'" + others + " " + list(action);
      case PROMOTE, RETRY, SKIP ->
          action.json() + " is for the production approvers and operators" + others + " " + list(action);
      case PAUSE, RESUME, ROLLBACK ->
          action.json() + " is for the requester, the production approvers and operators " + list(action);
    };
    String hint = action == Action.REJECT && selfRefused ? "; to withdraw the release, send rollback" : "";
    return head + why + who + hint;
  }

  /** Who may send the message, in parentheses, or why nobody may. */
  private String list(Action action) {
    List<String> names = allowed(action);
    if (!names.isEmpty()) {
      return "(" + String.join(", ", names) + ")";
    }
    return approvers.isEmpty() && operators.isEmpty()
        ? "(nobody: production has no approval gate and the pipeline names no operators; add operators: [names])"
        : "(nobody but the requester is named; add approvers or operators)";
  }

  private static List<String> names(List<String> given) {
    List<String> names = new ArrayList<>();
    for (String name : given) {
      if (name != null && !name.isBlank()) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }
}
