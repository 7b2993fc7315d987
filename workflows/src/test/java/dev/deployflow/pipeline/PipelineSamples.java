package dev.deployflow.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The pipeline of CONTRACT.md as a JSON tree, read into {@link Pipeline} the way the loading
 * activity reads YAML, plus a way to change one value by JSON pointer so that each test case states
 * only what it breaks.
 */
public final class PipelineSamples {
  public static final ObjectMapper JSON = new ObjectMapper();

  /** A marker value for {@link #with}: remove the field or array element instead of setting it. */
  public static final String REMOVE = "<remove>";

  private static final String SHOP_API = """
      {
        "application": "shop-api",
        "components": [
          { "name": "api", "kind": "backend",
            "build": { "command": ["./ci/build.sh", "api", "${version}"], "timeout": "20m",
                       "artifacts": [ { "path": "build/api-${version}.jar", "maxSize": "300MB",
                                        "sha256File": "build/api-${version}.jar.sha256" } ] },
            "migrate": { "command": ["./ci/migrate.sh", "${environment}", "up"],
                         "undo": ["./ci/migrate.sh", "${environment}", "down"] },
            "deploy": { "command": ["./ci/deploy.sh", "api", "${environment}", "${version}", "${weight}"],
                        "currentVersion": { "http": { "url": "https://${environment}.shop.example.com/version",
                                                      "jsonPointer": "/version" } } } },
          { "name": "web", "kind": "web",
            "deploy": { "http": { "method": "POST", "url": "https://deploy.example.com/hooks/web",
                                  "body": "{\\"env\\":\\"${environment}\\",\\"version\\":\\"${version}\\"}",
                                  "headers": { "Authorization": "Bearer ${env:DEPLOY_TOKEN}" } } } }
        ],
        "environments": [
          { "name": "staging",
            "requiredConfig": ["DATABASE_URL", "PAYMENT_API_KEY"],
            "smokeTests": [ { "name": "health",
                              "request": { "method": "GET", "url": "https://staging.shop.example.com/health" },
                              "expect": { "status": 200, "bodyContains": "UP", "maxLatency": "2s" } } ] },
          { "name": "production",
            "approval": { "approvers": ["bob", "carol"], "required": 1, "timeout": "24h",
                          "allowSelfApproval": false, "remindBefore": ["1h"] },
            "window": { "days": ["mon", "tue", "wed", "thu"], "from": "09:00", "to": "16:00",
                        "zone": "Europe/Berlin" },
            "freezes": [ { "from": "2026-12-20T00:00:00Z", "to": "2027-01-04T00:00:00Z", "reason": "holidays" } ],
            "rollout": [ { "weight": 10, "pause": "10m", "analysis": ["error-rate", "latency-p99"] },
                         { "weight": 50, "pause": "30m", "analysis": ["error-rate"] },
                         { "weight": 100 } ],
            "smokeTests": [ { "name": "health",
                              "request": { "url": "https://shop.example.com/health" },
                              "expect": { "status": 200 } } ],
            "stability": { "duration": "2h", "interval": "5m", "analysis": ["error-rate"] } }
        ],
        "analysis": {
          "error-rate": { "prometheus": { "url": "http://prometheus:9090",
                                          "query": "sum(rate(http_errors{app=\\"${application}\\"}[1m]))" },
                          "max": 0.01, "maxIncrease": "50%", "interval": "1m", "count": 3,
                          "failureLimit": 0, "inconclusiveLimit": 1, "consecutiveErrorLimit": 4 },
          "latency-p99": { "http": { "url": "https://metrics.example.com/api/p99?app=${application}",
                                     "jsonPointer": "/value" },
                           "max": 0.5 }
        },
        "notifications": [ { "webhook": { "url": "${env:SLACK_WEBHOOK_URL}", "format": "slack" },
                             "on": ["started", "awaiting_approval", "succeeded", "rolled_back", "failed"] } ],
        "rollback": { "config": { "command": ["firebase", "remoteconfig:rollback", "--force"] } },
        "hotfix": { "skipStaging": false, "rollout": [ { "weight": 100 } ] }
      }
      """;

  private PipelineSamples() {}

  /** The CONTRACT.md pipeline as a fresh, editable JSON tree. */
  public static ObjectNode shopApiTree() {
    try {
      return (ObjectNode) JSON.readTree(SHOP_API);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the sample pipeline is not JSON", e);
    }
  }

  /** The CONTRACT.md pipeline. */
  public static Pipeline shopApi() {
    return read(shopApiTree());
  }

  /** Reads a tree into a pipeline, failing on unknown fields as a strict loader would. */
  public static Pipeline read(JsonNode tree) {
    try {
      return JSON.treeToValue(tree, Pipeline.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a pipeline: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The tree with the value at {@code pointer} (such as {@code /environments/1/rollout/0/weight})
   * replaced by {@code json}, or removed when {@code json} is {@link #REMOVE}. Missing objects on
   * the way are created; an array index one past the end appends.
   */
  public static ObjectNode with(ObjectNode tree, String pointer, String json) {
    int slash = pointer.lastIndexOf('/');
    String parentPointer = pointer.substring(0, slash);
    String key = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    JsonNode parent = parentPointer.isEmpty() ? tree : tree.at(parentPointer);
    if (parent.isMissingNode()) {
      parent = tree.withObject(parentPointer);
    }
    JsonNode value;
    try {
      value = REMOVE.equals(json) ? null : JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
    if (parent instanceof ArrayNode array) {
      int index = Integer.parseInt(key);
      if (value == null) {
        array.remove(index);
      } else if (index == array.size()) {
        array.add(value);
      } else {
        array.set(index, value);
      }
    } else if (parent instanceof ObjectNode object) {
      if (value == null) {
        object.remove(key);
      } else {
        object.set(key, value);
      }
    } else {
      throw new IllegalArgumentException("no object or array at " + parentPointer);
    }
    return tree;
  }

  /** The CONTRACT.md pipeline with one value changed, see {@link #with}. */
  public static Pipeline shopApiWith(String pointer, String json) {
    return read(with(shopApiTree(), pointer, json));
  }
}
