package dev.deployflow.worker.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.deployflow.api.DeploySearchAttributes;
import io.temporal.common.SearchAttributeKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * docker-compose.yml and the Dockerfile, read as Docker would read them (no Docker engine runs
 * here): every local file they name exists, ports are published on loopback once each, images
 * are pinned, the worker reaches the Temporal service, Prometheus scrapes the worker where it
 * serves its metrics, and the image copies the jar the Maven build really produces.
 */
class ComposeStackTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?[-?][^}]*)?}");

  private static Path root;
  private static JsonNode compose;
  private static JsonNode services;

  @BeforeAll
  static void read() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("docker-compose.yml above %s", Path.of("").toAbsolutePath()).isNotNull();
    root = dir;
    compose = YAML.readTree(root.resolve("docker-compose.yml").toFile());
    services = compose.path("services");
    assertThat(services.isObject() && services.size() > 0).isTrue();
  }

  private static JsonNode service(String name) {
    JsonNode service = services.path(name);
    assertThat(service.isObject()).as("service %s", name).isTrue();
    return service;
  }

  @Test
  void theWholeStackIsThere() {
    assertThat(names(services)).contains(
        "postgresql", "temporal-schema", "temporal", "temporal-namespace", "temporal-ui",
        "worker", "demo-target", "prometheus", "grafana");
  }

  @Test
  void everyImageIsPinnedToAVersion() {
    services.properties().forEach(entry -> {
      String image = entry.getValue().path("image").asText("");
      assertThat(image).as("service %s names an image", entry.getKey()).isNotEmpty();
      assertPinned(entry.getKey(), image);
    });
    Dockerfiles.parse(read("Dockerfile")).all("FROM")
        .forEach(from -> assertPinned("Dockerfile", from.words().get(0)));
  }

  private static void assertPinned(String where, String image) {
    String lastPart = image.substring(image.lastIndexOf('/') + 1);
    assertThat(lastPart).as("%s: %s has a tag", where, image).contains(":");
    String tag = lastPart.substring(lastPart.indexOf(':') + 1);
    assertThat(tag).as("%s: %s", where, image).isNotEqualTo("latest").containsPattern("[0-9]");
  }

  @Test
  void everyLocalFileTheComposeFileNamesExists() {
    services.properties().forEach(entry -> {
      for (JsonNode volume : entry.getValue().path("volumes")) {
        String source = volume.asText().split(":")[0];
        if (source.startsWith("./") || source.startsWith("../")) {
          assertThat(root.resolve(source).normalize()).as("%s mounts %s", entry.getKey(), source).exists();
        }
      }
      JsonNode build = entry.getValue().path("build");
      if (!build.isMissingNode()) {
        String context = build.isTextual() ? build.asText() : build.path("context").asText(".");
        String dockerfile = build.path("dockerfile").asText("Dockerfile");
        assertThat(root.resolve(context).resolve(dockerfile)).as("%s builds from", entry.getKey()).isRegularFile();
      }
    });
  }

  @Test
  void portsArePublishedOnLoopbackOnceEach() {
    Set<String> hostPorts = new LinkedHashSet<>();
    services.properties().forEach(entry -> {
      for (JsonNode port : entry.getValue().path("ports")) {
        String[] parts = port.asText().split(":");
        assertThat(parts).as("%s publishes %s as address:host:container", entry.getKey(), port.asText()).hasSize(3);
        assertThat(parts[0]).as("%s publishes %s", entry.getKey(), port.asText()).isEqualTo("127.0.0.1");
        assertThat(hostPorts.add(parts[1])).as("host port %s published twice", parts[1]).isTrue();
      }
    });
    assertThat(hostPorts).contains("7233", "8080", "8088", "9090", "3000");
  }

  @Test
  void dependenciesNameServicesThatExist() {
    Set<String> all = names(services);
    services.properties().forEach(entry -> {
      JsonNode dependsOn = entry.getValue().path("depends_on");
      List<String> named = dependsOn.isArray()
          ? stream(dependsOn).map(JsonNode::asText).toList()
          : new ArrayList<>(names(dependsOn));
      assertThat(all).as("%s depends on", entry.getKey()).containsAll(named);
    });
    assertThat(names(service("worker").path("depends_on"))).contains("temporal-namespace");
  }

  @Test
  void theWorkerPointsAtTheTemporalService() {
    String address = service("worker").path("environment").path("TEMPORAL_ADDRESS").asText();
    String[] hostPort = address.split(":");
    assertThat(hostPort).as("TEMPORAL_ADDRESS %s", address).hasSize(2);
    assertThat(containerPorts(service(hostPort[0]))).as("service %s listens on", hostPort[0]).contains(hostPort[1]);
    assertThat(hostPort[0]).isEqualTo("temporal");
    // The demo pipeline's ${env:DEMO_TARGET_URL} is the demo target's service and port.
    java.net.URI demo = java.net.URI.create(service("worker").path("environment").path("DEMO_TARGET_URL").asText());
    assertThat(demo.getHost()).isEqualTo("demo-target");
    assertThat(containerPorts(service("demo-target"))).contains(String.valueOf(demo.getPort()));
    assertThat(stream(service("demo-target").path("entrypoint")).map(JsonNode::asText).toList())
        .as("the demo target listens on that port on every interface of its container")
        .containsSubsequence(String.valueOf(demo.getPort()), "0.0.0.0");
    // The worker must listen beyond its container's loopback, or nothing reaches it.
    assertThat(service("worker").path("environment").path("SERVER_ADDRESS").asText()).isEqualTo("0.0.0.0");
  }

  @Test
  void prometheusScrapesTheWorkersMetricsEndpoint() throws IOException {
    JsonNode prometheus = service("prometheus");
    String configTarget = stream(prometheus.path("command")).map(JsonNode::asText)
        .filter(a -> a.startsWith("--config.file=")).map(a -> a.substring("--config.file=".length()))
        .findFirst().orElse("/etc/prometheus/prometheus.yml");
    Path config = mountSource(prometheus, configTarget);
    assertThat(config).as("the mount of %s", configTarget).isNotNull().isRegularFile();
    JsonNode scrape = YAML.readTree(config.toFile()).path("scrape_configs");
    JsonNode worker = stream(scrape)
        .filter(job -> stream(job.path("static_configs")).flatMap(s -> stream(s.path("targets")))
            .anyMatch(t -> t.asText().startsWith("worker:")))
        .findFirst().orElseThrow(() -> new AssertionError("no scrape job targets the worker service"));
    assertThat(worker.path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
    String target = stream(worker.path("static_configs")).flatMap(s -> stream(s.path("targets")))
        .map(JsonNode::asText).filter(t -> t.startsWith("worker:")).findFirst().orElseThrow();
    String port = target.substring("worker:".length());
    assertThat(service("worker").path("environment").path("SERVER_PORT").asText()).isEqualTo(port);
    assertThat(containerPorts(service("worker"))).contains(port);
    // And the worker does export that endpoint.
    assertThat(read("worker/src/main/resources/application.yml")).containsPattern("include: .*prometheus");
  }

  @Test
  void grafanaProvisionsTheDashboardsFromTheMountedDirectory() throws IOException {
    JsonNode grafana = service("grafana");
    assertThat(mountSource(grafana, "/etc/grafana/provisioning")).isNotNull().isDirectory();
    Path datasources = mountSource(grafana, "/etc/grafana/provisioning").resolve("datasources");
    if (Files.isDirectory(datasources)) {
      try (Stream<Path> files = Files.list(datasources)) {
        for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).toList()) {
          for (JsonNode source : YAML.readTree(file.toFile()).path("datasources")) {
            if (source.path("type").asText().equals("prometheus")) {
              java.net.URI url = java.net.URI.create(source.path("url").asText());
              assertThat(url.getHost()).as("%s: the Prometheus data source is the prometheus service", file)
                  .isEqualTo("prometheus");
              assertThat(containerPorts(service("prometheus"))).contains(String.valueOf(url.getPort()));
            }
          }
        }
      }
    }
    Path providers = mountSource(grafana, "/etc/grafana/provisioning").resolve("dashboards");
    if (!Files.isDirectory(providers)) {
      return; // The provisioning files come with the dashboard; without them there is nothing to match.
    }
    try (Stream<Path> files = Files.list(providers)) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).toList()) {
        for (JsonNode provider : YAML.readTree(file.toFile()).path("providers")) {
          String path = provider.path("options").path("path").asText();
          assertThat(mountSource(grafana, path)).as("%s reads dashboards from %s, which is mounted", file, path)
              .isNotNull().isDirectory();
        }
      }
    }
  }

  @Test
  void everySearchAttributeIsCreatedWithTheNamespace() {
    String command = stream(service("temporal-namespace").path("command")).map(JsonNode::asText)
        .reduce("", String::concat);
    for (SearchAttributeKey<String> key : DeploySearchAttributes.ALL) {
      assertThat(command).as("the namespace service creates %s", key.getName()).containsPattern("\\b" + key.getName() + "\\b");
    }
    assertThat(command).contains("--type Keyword");
  }

  @Test
  void theOneShotScriptsAreValidShell() throws Exception {
    for (String name : List.of("temporal-schema", "temporal-namespace")) {
      JsonNode service = service(name);
      assertThat(stream(service.path("entrypoint")).map(JsonNode::asText).toList()).containsExactly("/bin/sh", "-c");
      // Compose turns $$ into $ before the shell sees the script.
      String script = service.path("command").get(0).asText().replace("$$", "$");
      Process check = new ProcessBuilder("/bin/sh", "-n").redirectErrorStream(true).start();
      try (var in = check.getOutputStream()) {
        in.write(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      String output = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(check.waitFor()).as("sh -n on the script of %s: %s", name, output).isZero();
    }
  }

  @Test
  void secretsComeFromTheEnvFileWhichIsNotCommitted() {
    String text = read("docker-compose.yml");
    Set<String> variables = new LinkedHashSet<>();
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      variables.add(m.group(1));
    }
    assertThat(variables).contains("DEPLOYFLOW_API_TOKENS", "GRAFANA_ADMIN_PASSWORD");
    Map<String, String> example = new HashMap<>();
    read(".env.example").lines().filter(l -> l.contains("=") && !l.startsWith("#"))
        .forEach(l -> example.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    assertThat(example.keySet()).as(".env.example defines").containsAll(variables);
    assertThat(read(".gitignore").lines()).contains("/.env");
    assertThat(read(".dockerignore").lines()).contains(".env");
  }

  @Test
  void theImageCopiesTheJarTheMavenBuildProduces() throws Exception {
    String workerJar = "worker/target/" + artifactFileName(root.resolve("worker/pom.xml"));
    Dockerfiles dockerfile = Dockerfiles.parse(read("Dockerfile"));
    Dockerfiles runtime = dockerfile.lastStage();
    String buildStage = dockerfile.all("FROM").get(0).words().get(2);
    String buildDir = dockerfile.all("WORKDIR").get(0).arguments();
    // The jar reaches the runtime stage, directly or through a copy in the build stage's RUN.
    String copied = runtime.all("COPY").stream()
        .filter(c -> c.arguments().startsWith("--from=" + buildStage))
        .filter(c -> c.words().get(1).endsWith("deployflow-worker.jar")).findFirst()
        .orElseThrow(() -> new AssertionError("no COPY of the worker jar")).words().get(1);
    assertThat(dockerfile.all("RUN").stream().map(Dockerfiles.Instruction::arguments))
        .anyMatch(run -> run.contains("cp " + workerJar + " " + copied.replace(buildDir + "/", ""))
            || run.contains("cp " + workerJar + " " + copied));
    String runJar = runtime.all("COPY").stream()
        .filter(c -> c.words().get(1).equals(copied)).findFirst().orElseThrow().words().get(2);
    assertThat(runtime.all("ENTRYPOINT").get(0).arguments()).contains("\"-jar\", \"" + runJar + "\"");
    // Not root, and only context files that exist.
    String user = runtime.all("USER").get(0).arguments();
    assertThat(user).doesNotStartWith("root").doesNotStartWith("0");
    runtime.all("COPY").stream().filter(c -> !c.arguments().startsWith("--from"))
        .forEach(c -> assertThat(root.resolve(c.words().get(0))).as("COPY %s", c.arguments()).exists());
    assertThat(dockerfile.all("FROM").get(0).words().get(0)).startsWith("maven:").contains("temurin-17");
    assertThat(runtime.all("FROM").get(0).words().get(0)).contains("17").contains("jre");
    // The demo target runs from the same image: its classes and jar are where compose says.
    String demoCopy = runtime.all("COPY").stream().map(c -> c.words().get(1))
        .filter(s -> s.endsWith("/demo/target/deployflow-demo.jar")).findFirst().orElseThrow();
    assertThat(demoCopy).endsWith("demo/target/" + finalName(root.resolve("demo/pom.xml")) + ".jar");
    List<String> entrypoint = stream(service("demo-target").path("entrypoint")).map(JsonNode::asText).toList();
    String mainClass = entrypoint.get(3);
    assertThat(root.resolve("demo/src/main/java/" + mainClass.replace('.', '/') + ".java")).isRegularFile();
    assertThat(entrypoint.get(2)).contains(runtime.all("COPY").stream()
        .filter(c -> c.words().get(1).equals(demoCopy)).findFirst().orElseThrow().words().get(2));
  }

  /** {@code <artifactId>-<version>-<classifier>.jar} of the Spring Boot repackage execution. */
  private static String artifactFileName(Path pom) throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    Element project = doc.getDocumentElement();
    String artifactId = child(project, "artifactId");
    String version = child((Element) project.getElementsByTagName("parent").item(0), "version");
    String classifier = doc.getElementsByTagName("classifier").item(0).getTextContent().trim();
    return artifactId + "-" + version + "-" + classifier + ".jar";
  }

  private static String finalName(Path pom) throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    return doc.getElementsByTagName("finalName").item(0).getTextContent().trim();
  }

  private static String child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
  }

  /** The local path mounted at {@code target} in the service, or null. */
  private static Path mountSource(JsonNode service, String target) {
    for (JsonNode volume : service.path("volumes")) {
      String[] parts = volume.asText().split(":");
      if (parts.length >= 2 && parts[1].equals(target) && parts[0].startsWith(".")) {
        return root.resolve(parts[0]).normalize();
      }
    }
    return null;
  }

  /** The ports a service listens on inside the network: published container ports, exposes. */
  private static Set<String> containerPorts(JsonNode service) {
    Set<String> ports = new LinkedHashSet<>();
    for (JsonNode port : service.path("ports")) {
      String[] parts = port.asText().split(":");
      ports.add(parts[parts.length - 1]);
    }
    service.path("expose").forEach(p -> ports.add(p.asText()));
    return ports;
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new LinkedHashSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list.stream();
  }

  private static String read(String file) {
    try {
      return Files.readString(root.resolve(file));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }
}
