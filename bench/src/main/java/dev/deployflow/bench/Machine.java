package dev.deployflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The machine line: cores, heap, Java, Temporal SDK and server versions, and the load at start. */
final class Machine {
  private Machine() {}

  static Map<String, Object> describe(Options options) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
    out.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    out.put("temporalSdk", io.temporal.serviceclient.Version.LIBRARY_VERSION);
    out.put("testServer", "Java test server of SDK " + io.temporal.serviceclient.Version.LIBRARY_VERSION);
    out.put("devServer", cliVersion(options));
    out.put("loadAverageAtStart", Stats.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2));
    return out;
  }

  private static String cliVersion(Options options) {
    try {
      Process p = new ProcessBuilder(options.temporal().toString(), "--version").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor(10, TimeUnit.SECONDS);
      return text;
    } catch (IOException e) {
      return "unavailable (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unavailable";
    }
  }

  /** One line for people. */
  @SuppressWarnings("unchecked")
  static String line(Map<String, Object> m) {
    return m.get("cores") + " cores, max heap " + m.get("maxHeapMiB") + " MiB, " + m.get("java") + ", Temporal SDK "
        + m.get("temporalSdk") + ", dev server: " + m.get("devServer") + ", load average at start "
        + m.get("loadAverageAtStart");
  }
}
