package dev.deployflow.cli.temporal;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.client.StartedRelease;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ResumeMessage;
import dev.deployflow.model.RollbackMessage;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The {@link ReleaseClient} of the command line: every call that a worker must answer (queries,
 * updates) gets a deadline, because without a worker the SDK would wait for minutes or forever,
 * and a person at the prompt deserves a clear "no answer" instead.
 */
public final class PatientReleaseClient extends ReleaseClient {
  private static final Executor DAEMONS = runnable -> {
    Thread thread = new Thread(runnable, "deployflow-call");
    // A call that outlives its deadline must not keep the JVM alive; closing the connection
    // ends it.
    thread.setDaemon(true);
    thread.start();
  };

  private final ConnectionSettings settings;

  public PatientReleaseClient(WorkflowClient client, ConnectionSettings settings) {
    super(client, settings.taskQueue());
    this.settings = settings;
  }

  @Override
  public StartedRelease start(ReleaseRequest request) {
    return bounded("start of " + request.application(), settings.answerTimeout(), () -> super.start(request));
  }

  @Override
  public ReleaseStatus status(String application) {
    return bounded("status query of " + application, settings.answerTimeout(), () -> super.status(application));
  }

  @Override
  public ReleaseStatus approve(String application, ApproveMessage message) {
    return bounded("approve update", settings.answerTimeout(), () -> super.approve(application, message));
  }

  @Override
  public ReleaseStatus reject(String application, RejectMessage message) {
    return bounded("reject update", settings.answerTimeout(), () -> super.reject(application, message));
  }

  @Override
  public ReleaseStatus rollback(String application, RollbackMessage message) {
    return bounded("rollback update", settings.answerTimeout(), () -> super.rollback(application, message));
  }

  @Override
  public ReleaseStatus pause(String application, PauseMessage message) {
    return bounded("pause update", settings.answerTimeout(), () -> super.pause(application, message));
  }

  @Override
  public ReleaseStatus resume(String application, ResumeMessage message) {
    return bounded("resume update", settings.answerTimeout(), () -> super.resume(application, message));
  }

  @Override
  public ReleaseStatus promote(String application, PromoteMessage message) {
    return bounded("promote update", settings.answerTimeout(), () -> super.promote(application, message));
  }

  @Override
  public ReleaseResult awaitResult(String application, Duration timeout) {
    // The client's own timeout comes first; this one only guards against a hung connection.
    return bounded("result of " + application, timeout.plus(settings.answerTimeout()),
        () -> super.awaitResult(application, timeout));
  }

  @Override
  public dev.deployflow.model.PlanPreview plan(ReleaseRequest request, Duration timeout) {
    // As for a result: the client's own timeout comes first.
    return bounded("plan of " + request.application(), timeout.plus(settings.answerTimeout()),
        () -> super.plan(request, timeout));
  }

  private <T> T bounded(String what, Duration timeout, Supplier<T> call) {
    CompletableFuture<T> future = CompletableFuture.supplyAsync(call, DAEMONS);
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new NoAnswerException(what, settings, timeout);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new NoAnswerException(what + " (interrupted)", settings, timeout);
    }
  }
}
