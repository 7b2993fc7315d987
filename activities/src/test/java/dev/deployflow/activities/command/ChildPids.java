package dev.deployflow.activities.command;

import java.util.List;
import java.util.regex.Pattern;

/** Reads the {@code child=<pid>} lines that test scripts print, and checks those processes. */
final class ChildPids {
  private static final Pattern CHILD = Pattern.compile("child=(\\d+)");

  private ChildPids() {}

  static List<Long> in(String output) {
    return CHILD.matcher(output).results().map(m -> Long.parseLong(m.group(1))).toList();
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
