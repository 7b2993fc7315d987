package dev.deployflow.worker.temporal;

import java.util.List;
import java.util.stream.Stream;

/**
 * What the worker registers on its task queue: workflow implementation types and activity
 * implementation objects.
 *
 * @param workflowTypes the workflow implementation classes
 * @param activities the activity implementation instances
 */
public record WorkerRegistrations(List<Class<?>> workflowTypes, List<Object> activities) {

  public WorkerRegistrations {
    workflowTypes = List.copyOf(workflowTypes);
    activities = List.copyOf(activities);
  }

  /** The simple class names, for logs. */
  public List<String> describe() {
    return Stream.concat(
            workflowTypes.stream().map(Class::getSimpleName),
            activities.stream().map(a -> a.getClass().getSimpleName()))
        .toList();
  }
}
