package dev.deployflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording (the JDK's "profile" settings) of the bench JVM around the overhead and reaction
 * runs, and a summary of its execution samples: the hottest methods by their own time, the
 * deployflow methods found anywhere on a sampled stack, and the share of each library.
 */
final class Profiler implements AutoCloseable {
  private final Recording recording;
  private final Path file;

  Profiler(Path file) {
    this.file = file;
    try {
      recording = new Recording(Configuration.getConfiguration("profile"));
      // Denser than the profile settings' 10-20 ms: a run is short and the box is busy.
      recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(2));
      recording.start();
    } catch (IOException | java.text.ParseException e) {
      throw new IllegalStateException("cannot start the JFR recording", e);
    }
  }

  /** Stops the recording, writes it and returns its summary as Markdown. */
  String stopAndSummarize(String title) {
    try {
      recording.stop();
      recording.dump(file);
      return summarize(title, RecordingFile.readAllEvents(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    recording.close();
  }

  static String summarize(String title, List<RecordedEvent> events) {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> ours = new HashMap<>();
    Map<String, Integer> libraries = new HashMap<>();
    Map<String, Integer> deepest = new HashMap<>();
    int samples = 0;
    int workflowThread = 0;
    for (RecordedEvent event : events) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      samples++;
      String top = name(frames.get(0));
      self.merge(top, 1, Integer::sum);
      libraries.merge(library(frames), 1, Integer::sum);
      if (frames.stream().anyMatch(f -> f.getMethod().getType().getName().startsWith("io.temporal.internal.sync.WorkflowThread"))) {
        workflowThread++;
      }
      for (int i = 0; i < frames.size(); i++) {
        String type = frames.get(i).getMethod().getType().getName();
        if (type.startsWith("dev.deployflow.") && !type.startsWith("dev.deployflow.bench.")) {
          String callee = i == 0 ? "(own code)" : frames.get(i - 1).getMethod().getType().getName();
          deepest.merge(name(frames.get(i)) + " → " + callee, 1, Integer::sum);
          break;
        }
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (RecordedFrame frame : frames) {
        String method = name(frame);
        if (method.startsWith("dev.deployflow.") && seen.add(method)) {
          ours.merge(method, 1, Integer::sum);
        }
      }
    }
    StringBuilder md = new StringBuilder();
    md.append("### ").append(title).append("\n\n").append(samples).append(" execution samples, ").append(workflowThread)
        .append(String.format(java.util.Locale.ROOT, " (%.1f%%)", 100.0 * workflowThread / Math.max(1, samples)))
        .append(" of them on workflow threads (workflow code and the SDK calls it makes).\n\n");
    md.append("Where the time goes (by the first frame, from the top, that is not the JDK's own):\n\n");
    md.append(table("code", libraries, samples, 10));
    md.append("\nHottest methods by own time:\n\n").append(table("method", self, samples, 15));
    md.append("\nDeployflow methods on a sampled stack (inclusive):\n\n").append(table("method", ours, samples, 15));
    md.append("\nThe deployflow method nearest the top of each stack, and what it was calling:\n\n")
        .append(table("method → callee", deepest, samples, 20));
    return md.toString();
  }

  /** The library of the first frame not in the JDK; a stack of JDK frames only counts as the JDK. */
  private static String library(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String type = frame.getMethod().getType().getName();
      if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("com.sun.")) {
        continue;
      }
      if (type.startsWith("dev.deployflow.bench.")) {
        return "bench driver / fakes";
      }
      if (type.startsWith("dev.deployflow.")) {
        return "deployflow";
      }
      if (type.startsWith("io.temporal.")) {
        return "Temporal SDK";
      }
      if (type.startsWith("io.grpc.") || type.startsWith("io.netty.") || type.startsWith("io.perfmark.")) {
        return "gRPC / Netty";
      }
      if (type.startsWith("com.google.protobuf.")) {
        return "protobuf";
      }
      if (type.startsWith("com.fasterxml.jackson.")) {
        return "Jackson";
      }
      return type.contains(".") ? type.substring(0, type.indexOf('.', type.indexOf('.') + 1) < 0
          ? type.length() : type.indexOf('.', type.indexOf('.') + 1)) : type;
    }
    return "JDK";
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static String table(String what, Map<String, Integer> counts, int samples, int limit) {
    Map<String, Integer> top = counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(limit)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    StringBuilder md = new StringBuilder("| " + what + " | samples | share |\n|---|---:|---:|\n");
    top.forEach((k, v) -> md.append("| `").append(k).append("` | ").append(v).append(" | ")
        .append(String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * v / Math.max(1, samples))).append(" |\n"));
    return md.toString();
  }
}
