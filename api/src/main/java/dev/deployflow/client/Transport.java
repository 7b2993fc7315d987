package dev.deployflow.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Locale;

/**
 * Turns a failure of the way to Temporal (a gRPC status anywhere in the cause chain, usually
 * inside a {@code WorkflowServiceException}) into the client's own exception family, so that no
 * caller needs to know gRPC.
 */
final class Transport {
  private Transport() {}

  /** The client exception for a transport failure, or null when {@code e} carries no gRPC status. */
  static ReleaseClientException translate(String address, RuntimeException e) {
    StatusRuntimeException grpc = grpcFailure(e);
    if (grpc == null) {
      return null;
    }
    Status status = grpc.getStatus();
    String reason = reason(grpc, status);
    return switch (status.getCode()) {
      case UNAVAILABLE, DEADLINE_EXCEEDED -> new TemporalUnavailableException(address, reason, e);
      case UNAUTHENTICATED, PERMISSION_DENIED -> new TemporalAccessDeniedException(address, reason, e);
      default -> new TemporalRequestFailedException(reason, e);
    };
  }

  private static String reason(StatusRuntimeException grpc, Status status) {
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return "no answer in time";
    }
    Throwable root = grpc;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    // Below the gRPC status, the root cause ("Connection refused") says more than the code.
    String text = root != grpc && root.getMessage() != null ? root.getMessage() : status.getDescription();
    if (text == null || text.isBlank()) {
      return status.getCode().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
    String oneLine = text.replaceAll("\\s+", " ").trim();
    if (oneLine.toLowerCase(Locale.ROOT).contains("connection refused")) {
      return "connection refused";
    }
    return oneLine.length() > 160 ? oneLine.substring(0, 157) + "..." : oneLine;
  }

  private static StatusRuntimeException grpcFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StatusRuntimeException grpc) {
        return grpc;
      }
    }
    return null;
  }
}
