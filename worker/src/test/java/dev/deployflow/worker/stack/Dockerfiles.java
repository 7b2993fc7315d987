package dev.deployflow.worker.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read as its instructions (continuation lines joined, comments dropped), enough to
 * check what it copies and runs; not a full parser of Docker's syntax.
 */
record Dockerfiles(List<Instruction> instructions) {

  /** One instruction: its keyword in upper case and its arguments as written. */
  record Instruction(String keyword, String arguments) {
    /** The words of the arguments, split on white space. */
    List<String> words() {
      return List.of(arguments.trim().split("\\s+"));
    }
  }

  static Dockerfiles parse(String text) {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String stripped = line.strip();
      if (pending.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
        continue;
      }
      if (stripped.endsWith("\\")) {
        pending.append(stripped, 0, stripped.length() - 1).append(' ');
        continue;
      }
      pending.append(stripped);
      String whole = pending.toString().strip();
      pending.setLength(0);
      int space = whole.indexOf(' ');
      instructions.add(new Instruction(
          whole.substring(0, space).toUpperCase(Locale.ROOT), whole.substring(space + 1).strip()));
    }
    return new Dockerfiles(instructions);
  }

  List<Instruction> all(String keyword) {
    return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  /** The instructions of the last stage (from its FROM on). */
  Dockerfiles lastStage() {
    int from = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).keyword().equals("FROM")) {
        from = i;
      }
    }
    return new Dockerfiles(instructions.subList(from, instructions.size()));
  }
}
