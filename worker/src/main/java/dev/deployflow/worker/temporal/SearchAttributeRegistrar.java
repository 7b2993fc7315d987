package dev.deployflow.worker.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc.OperatorServiceBlockingStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers deployflow's search attributes where they are missing, through the operator service.
 *
 * <p>A real server lists its attributes, and only the missing ones are added. The embedded test
 * server does not implement {@code ListSearchAttributes} (it answers UNIMPLEMENTED) but does
 * implement {@code AddSearchAttributes}, refusing an existing name with ALREADY_EXISTS; there each
 * attribute is added on its own and "already exists" counts as present. Either way the workflow's
 * upserts then find the attributes defined.
 */
public final class SearchAttributeRegistrar {
  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistrar.class);
  private static final long DEADLINE_SECONDS = 15;

  private final OperatorServiceStubs operator;
  private final String namespace;

  public SearchAttributeRegistrar(OperatorServiceStubs operator, String namespace) {
    this.operator = operator;
    this.namespace = namespace;
  }

  /**
   * What registration found and did.
   *
   * @param added the attributes this call added
   * @param present the attributes that were already there with the right type
   * @param listed whether the server could list its attributes (false on the embedded server)
   */
  public record Outcome(List<String> added, List<String> present, boolean listed) {}

  /**
   * Makes sure every key is registered with its type.
   *
   * @throws IllegalStateException when an attribute exists with another type, or the server
   *     refuses; the message names the attribute and the server's reason
   */
  public Outcome ensureRegistered(List<? extends SearchAttributeKey<?>> keys) {
    Map<String, IndexedValueType> wanted = new LinkedHashMap<>();
    keys.forEach(key -> wanted.put(key.getName(), key.getValueType()));
    Outcome outcome;
    try {
      outcome = registerMissing(wanted, list());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw failure("cannot list the search attributes", e);
      }
      outcome = addOneByOne(wanted);
    }
    log.info(
        "Search attributes in namespace {}: added {}, already present {}{}",
        namespace,
        outcome.added(),
        outcome.present(),
        outcome.listed() ? "" : " (server cannot list them: each was added, existing ones kept)");
    return outcome;
  }

  private Map<String, IndexedValueType> list() {
    ListSearchAttributesResponse response =
        stub().listSearchAttributes(
            ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build());
    Map<String, IndexedValueType> existing = new HashMap<>(response.getSystemAttributesMap());
    existing.putAll(response.getCustomAttributesMap());
    return existing;
  }

  private Outcome registerMissing(
      Map<String, IndexedValueType> wanted, Map<String, IndexedValueType> existing) {
    Map<String, IndexedValueType> missing = new LinkedHashMap<>();
    List<String> present = new ArrayList<>();
    wanted.forEach(
        (name, type) -> {
          IndexedValueType found = existing.get(name);
          if (found == null) {
            missing.put(name, type);
          } else if (found != type) {
            throw new IllegalStateException(
                "search attribute " + name + " exists in namespace " + namespace + " as "
                    + found + " but deployflow needs " + type
                    + "; remove it or use another namespace");
          } else {
            present.add(name);
          }
        });
    if (!missing.isEmpty()) {
      try {
        stub().addSearchAttributes(
            AddSearchAttributesRequest.newBuilder()
                .setNamespace(namespace)
                .putAllSearchAttributes(missing)
                .build());
      } catch (StatusRuntimeException e) {
        throw failure("cannot add the search attributes " + missing.keySet(), e);
      }
    }
    return new Outcome(List.copyOf(missing.keySet()), List.copyOf(present), true);
  }

  private Outcome addOneByOne(Map<String, IndexedValueType> wanted) {
    List<String> added = new ArrayList<>();
    List<String> present = new ArrayList<>();
    wanted.forEach(
        (name, type) -> {
          try {
            stub().addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putSearchAttributes(name, type)
                    .build());
            added.add(name);
          } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
              throw failure("cannot add the search attribute " + name, e);
            }
            present.add(name);
          }
        });
    return new Outcome(List.copyOf(added), List.copyOf(present), false);
  }

  private OperatorServiceBlockingStub stub() {
    return operator.blockingStub().withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  private IllegalStateException failure(String what, StatusRuntimeException e) {
    return new IllegalStateException(
        what + " in namespace " + namespace + ": " + e.getStatus().getCode()
            + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription()),
        e);
  }
}
