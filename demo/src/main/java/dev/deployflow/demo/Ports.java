package dev.deployflow.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds ports on 127.0.0.1 for the servers the demo starts. */
final class Ports {
  private Ports() {}

  /** Whether nothing listens on the port at 127.0.0.1 now. */
  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A port that was free a moment ago. Another process may take it before it is bound again; the
   * demo accepts that small race because the embedded Temporal needs its port before it starts.
   */
  static int free() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /** {@code preferred} when it is free, otherwise any free port. */
  static int preferredOrFree(int preferred) {
    return isFree(preferred) ? preferred : free();
  }
}
