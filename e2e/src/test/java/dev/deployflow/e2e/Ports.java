package dev.deployflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free loopback ports for the processes the suite starts; tests never use fixed ports. */
public final class Ports {
  private Ports() {}

  /** A port that was free on 127.0.0.1 a moment ago. */
  public static int free() {
    return free(1)[0];
  }

  /**
   * {@code count} distinct ports that were free a moment ago. They are held open together while
   * chosen: ports picked one after another may come back as the same number.
   */
  public static int[] free(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a listening socket that nobody used cannot lose anything.
        }
      }
    }
  }
}
