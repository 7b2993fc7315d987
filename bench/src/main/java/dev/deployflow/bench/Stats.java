package dev.deployflow.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Percentiles, and the bench JVM's CPU time and heap. */
final class Stats {
  private Stats() {}

  /** The p-th percentile (nearest rank) of the values, or NaN when there are none. */
  static double percentile(Collection<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    sorted.sort(Double::compare);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }

  /** CPU seconds this JVM (worker and driving client) has used so far. */
  static double processCpuSeconds() {
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getProcessCpuTime() / 1e9;
  }

  /** Heap in use after full collections: System.gc() until two readings agree within 1%. */
  static long heapAfterGc() {
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 6; i++) {
      System.gc();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (Math.abs(used - last) < used / 100) {
        return used;
      }
      last = used;
    }
    return last;
  }
}
