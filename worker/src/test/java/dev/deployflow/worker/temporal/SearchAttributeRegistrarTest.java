package dev.deployflow.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.api.DeploySearchAttributes;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.AddSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Registration against a server that behaves like a real Temporal (it lists its attributes and
 * adds the ones asked for, in the given namespace) and against one that, like the embedded test
 * server, cannot list them and refuses an existing name with ALREADY_EXISTS.
 */
class SearchAttributeRegistrarTest {
  private final FakeOperatorService service = new FakeOperatorService();
  private Server server;
  private ManagedChannel channel;
  private OperatorServiceStubs stubs;

  @AfterEach
  void stop() {
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (channel != null) {
      channel.shutdownNow();
    }
    if (server != null) {
      server.shutdownNow();
    }
  }

  @Test
  void onARealServerOnlyTheMissingAttributesAreAddedInTheNamespace() throws Exception {
    service.existing.put("DeployApplication", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    service.existing.put("DeployVersion", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

    SearchAttributeRegistrar.Outcome outcome =
        registrar("releases").ensureRegistered(DeploySearchAttributes.ALL);

    assertThat(outcome.listed()).isTrue();
    assertThat(outcome.present()).containsExactly("DeployApplication", "DeployVersion");
    assertThat(outcome.added())
        .containsExactly("DeployPhase", "DeployOutcome", "DeployRequestedBy", "DeployApprovedBy", "DeployCommittedAt", "DeployLiveAt", "DeployFailedAt", "DeployRestoredAt");
    assertThat(service.addRequests).hasSize(1);
    assertThat(service.addRequests.get(0).getNamespace()).isEqualTo("releases");
    assertThat(service.addRequests.get(0).getSearchAttributesMap())
        .containsOnlyKeys("DeployPhase", "DeployOutcome", "DeployRequestedBy", "DeployApprovedBy", "DeployCommittedAt", "DeployLiveAt", "DeployFailedAt", "DeployRestoredAt")
        .containsValue(IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
  }

  @Test
  void whenAllArePresentNothingIsAdded() throws Exception {
    DeploySearchAttributes.ALL.forEach(
        key -> service.existing.put(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));

    SearchAttributeRegistrar.Outcome outcome =
        registrar("default").ensureRegistered(DeploySearchAttributes.ALL);

    assertThat(outcome.added()).isEmpty();
    assertThat(outcome.present()).hasSize(DeploySearchAttributes.ALL.size());
    assertThat(service.addRequests).isEmpty();
  }

  @Test
  void anAttributeOfAnotherTypeStopsStartUpNamingIt() throws Exception {
    service.existing.put("DeployPhase", IndexedValueType.INDEXED_VALUE_TYPE_TEXT);

    assertThatThrownBy(() -> registrar("default").ensureRegistered(DeploySearchAttributes.ALL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("search attribute DeployPhase exists in namespace default as")
        .hasMessageContaining("INDEXED_VALUE_TYPE_TEXT");
    assertThat(service.addRequests).isEmpty();
  }

  @Test
  void withoutListingEachIsAddedAndAlreadyExistingCountsAsPresent() throws Exception {
    service.listing = false;
    service.existing.put("DeployVersion", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

    SearchAttributeRegistrar.Outcome outcome =
        registrar("default").ensureRegistered(DeploySearchAttributes.ALL);

    assertThat(outcome.listed()).isFalse();
    assertThat(outcome.present()).containsExactly("DeployVersion");
    assertThat(outcome.added())
        .containsExactly("DeployApplication", "DeployPhase", "DeployOutcome", "DeployRequestedBy", "DeployApprovedBy", "DeployCommittedAt", "DeployLiveAt", "DeployFailedAt", "DeployRestoredAt");
  }

  @Test
  void aServerRefusalIsReportedWithItsReason() throws Exception {
    service.addFailure = Status.PERMISSION_DENIED.withDescription("not an admin");

    assertThatThrownBy(() -> registrar("default").ensureRegistered(DeploySearchAttributes.ALL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot add the search attributes")
        .hasMessageContaining("PERMISSION_DENIED not an admin");
  }

  private SearchAttributeRegistrar registrar(String namespace) throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(service).build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    stubs =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(channel)
                .validateAndBuildWithDefaults());
    return new SearchAttributeRegistrar(stubs, namespace);
  }

  /** An operator service holding attributes in memory; listing can be switched off. */
  static final class FakeOperatorService extends OperatorServiceGrpc.OperatorServiceImplBase {
    final Map<String, IndexedValueType> existing = new LinkedHashMap<>();
    final List<AddSearchAttributesRequest> addRequests = new ArrayList<>();
    boolean listing = true;
    Status addFailure;

    @Override
    public void listSearchAttributes(
        ListSearchAttributesRequest request,
        StreamObserver<ListSearchAttributesResponse> response) {
      if (!listing) {
        response.onError(Status.UNIMPLEMENTED.asRuntimeException());
        return;
      }
      response.onNext(
          ListSearchAttributesResponse.newBuilder()
              .putSystemAttributes("WorkflowId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
              .putAllCustomAttributes(existing)
              .build());
      response.onCompleted();
    }

    @Override
    public void addSearchAttributes(
        AddSearchAttributesRequest request, StreamObserver<AddSearchAttributesResponse> response) {
      if (addFailure != null) {
        response.onError(addFailure.asRuntimeException());
        return;
      }
      for (String name : request.getSearchAttributesMap().keySet()) {
        if (existing.containsKey(name)) {
          response.onError(
              Status.ALREADY_EXISTS.withDescription(name + " already exists").asRuntimeException());
          return;
        }
      }
      addRequests.add(request);
      existing.putAll(request.getSearchAttributesMap());
      response.onNext(AddSearchAttributesResponse.getDefaultInstance());
      response.onCompleted();
    }
  }
}
