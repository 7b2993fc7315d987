package dev.deployflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The input rules of CONTRACT.md, value by value, and how a refusal quotes what it refuses. */
class InputRulesTest {

  static Stream<Arguments> versions() {
    return Stream.of(
        arguments("1.2.0", true),
        arguments("1.2.0-rc.1+build.7", true),
        arguments("v2", true),
        arguments("2026_05_04", true),
        arguments("a".repeat(128), true),
        arguments("a".repeat(129), false),
        arguments("", false),
        arguments("-1.0", false),
        arguments(".1", false),
        arguments("+1", false),
        arguments("--output=/etc/passwd", false),
        arguments("x\"y", false),
        arguments("9.9.9\",\"environment\":\"production", false),
        arguments("1.0/../../x", false),
        arguments("1.0 beta", false),
        arguments("1.0\n", false),
        arguments("1.0'", false),
        arguments("1.0$(id)", false),
        arguments("1.0é", false));
  }

  @ParameterizedTest(name = "version {0}: {1}")
  @MethodSource("versions")
  void versions(String value, boolean valid) {
    assertThat(InputRules.version("version", value) == null).isEqualTo(valid);
  }

  static Stream<Arguments> names() {
    return Stream.of(
        arguments("shop-api", true),
        arguments("a", true),
        arguments("0shop", true),
        arguments("a".repeat(63), true),
        arguments("a".repeat(64), false),
        arguments("-shop", false),
        arguments("Shop", false),
        arguments("shop_api", false),
        arguments("shop.api", false),
        arguments("../etc", false),
        arguments("shop api", false));
  }

  @ParameterizedTest(name = "application {0}: {1}")
  @MethodSource("names")
  void applicationAndPipelineNames(String value, boolean valid) {
    assertThat(InputRules.name("application", value) == null).isEqualTo(valid);
    assertThat(InputRules.name("pipeline", value) == null).isEqualTo(valid);
  }

  static Stream<Arguments> people() {
    return Stream.of(
        arguments("bob", true),
        arguments("Bob.Smith", true),
        arguments("bob@example.com", true),
        arguments("u-123_x", true),
        arguments("a".repeat(64), true),
        arguments("a".repeat(65), false),
        arguments("@bob", false),
        arguments(".bob", false),
        arguments("bob smith", false),
        arguments("bob\"", false),
        arguments("<script>", false),
        arguments("bob\n", false),
        arguments("bob/carol", false));
  }

  @ParameterizedTest(name = "by {0}: {1}")
  @MethodSource("people")
  void people(String value, boolean valid) {
    assertThat(InputRules.person("by", value) == null).isEqualTo(valid);
    assertThat(InputRules.person("requestedBy", value) == null).isEqualTo(valid);
  }

  static Stream<Arguments> texts() {
    return Stream.of(
        arguments("looks good", null),
        arguments("line one\nline two", null),
        arguments("x".repeat(1000), null),
        arguments("x".repeat(1001), "comment: is 1001 characters long; at most 1000 are allowed"),
        arguments("ok\u001b[31mred", "comment: must not contain control characters other than newline; found \\u001b at position 2"),
        arguments("tab\there", "comment: must not contain control characters other than newline; found \\t at position 3"),
        arguments("cr\r\nlf", "comment: must not contain control characters other than newline; found \\r at position 2"),
        arguments("nul\u0000", "comment: must not contain control characters other than newline; found \\u0000 at position 3"),
        arguments("c1\u0085", "comment: must not contain control characters other than newline; found \\u0085 at position 2"),
        arguments("ls\u2028", "comment: must not contain control characters other than newline; found \\u2028 at position 2"));
  }

  @ParameterizedTest(name = "comment {index}")
  @MethodSource("texts")
  void freeTexts(String value, String problem) {
    assertThat(InputRules.text("comment", value)).isEqualTo(problem);
  }

  @Test
  void changesAreBoundedInCountLengthAndCharacters() {
    assertThat(InputRules.changes("changes", List.of("New 'Job Matching' feature"))).isNull();
    assertThat(InputRules.changes("changes", Collections.nCopies(100, "x".repeat(300)))).isNull();
    assertThat(InputRules.changes("changes", Collections.nCopies(100_000, "c")))
        .isEqualTo("changes: holds 100000 entries; at most 100 are allowed");
    assertThat(InputRules.changes("changes", List.of("ok", "x".repeat(301))))
        .isEqualTo("changes[1]: is 301 characters long; at most 300 are allowed");
    assertThat(InputRules.changes("changes", List.of("two\nlines")))
        .isEqualTo("changes[0]: must not contain control characters; found \\n at position 3");
    List<String> withNull = new ArrayList<>();
    withNull.add(null);
    assertThat(InputRules.changes("changes", withNull)).isEqualTo("changes[0]: must not be null");
  }

  @Test
  void committedAtIsAnInstant() {
    assertThat(InputRules.instant("committedAt", "2026-05-04T10:15:30Z")).isNull();
    assertThat(InputRules.instant("committedAt", "2026-05-04T10:15:30.123+02:00")).isNull();
    assertThat(InputRules.instant("committedAt", "2026-05-04"))
        .isEqualTo("committedAt: '2026-05-04' is not an ISO-8601 instant such as 2026-05-04T10:15:30Z");
    assertThat(InputRules.instant("committedAt", "yesterday"))
        .isEqualTo("committedAt: 'yesterday' is not an ISO-8601 instant such as 2026-05-04T10:15:30Z");
  }

  @Test
  void refusalsQuoteValuesShortAndEscaped() {
    assertThat(InputRules.version("version", "x\"y"))
        .isEqualTo("version: 'x\"y' must match [0-9A-Za-z][0-9A-Za-z._+-]{0,127}"
            + " (letters, digits and . _ + -, at most 128, starting with a letter or digit)");
    String huge = "9".repeat(5_000);
    assertThat(InputRules.version("version", huge))
        .isEqualTo("version: '" + "9".repeat(40) + "'… (5000 characters) must match [0-9A-Za-z][0-9A-Za-z._+-]{0,127}"
            + " (letters, digits and . _ + -, at most 128, starting with a letter or digit)");
    assertThat(InputRules.quote("a\nb\u001b[2Jc\\")).isEqualTo("'a\\nb\\u001b[2Jc\\\\'");
    // A surrogate pair at the cut is never split in half.
    String emoji = "x".repeat(39) + "\uD83D\uDE00" + "tail";
    assertThat(InputRules.quote(emoji)).isEqualTo("'" + "x".repeat(39) + "'… (45 characters)");
    assertThat(InputRules.displayName("bob")).isEqualTo("bob");
    assertThat(InputRules.displayName("b".repeat(1_000_000))).hasSizeLessThan(80);
  }

  @Test
  void aRequestNamesEveryBadField() {
    ReleaseRequest bad = new ReleaseRequest("Shop", "--output=/etc/passwd", "../x", null, null, "bob smith",
        List.of("ok", "bad\u0007"), "r".repeat(1001), "soon");
    assertThat(bad.problems()).containsExactly(
        "application: 'Shop' must match [a-z0-9][a-z0-9-]{0,62}",
        "version: '--output=/etc/passwd' must match [0-9A-Za-z][0-9A-Za-z._+-]{0,127}"
            + " (letters, digits and . _ + -, at most 128, starting with a letter or digit)",
        "pipeline: '../x' must match [a-z0-9][a-z0-9-]{0,62}",
        "requestedBy: 'bob smith' must match [A-Za-z0-9][A-Za-z0-9._@-]{0,63}",
        "changes[1]: must not contain control characters; found \\u0007 at position 3",
        "rollbackPlan: is 1001 characters long; at most 1000 are allowed",
        "committedAt: 'soon' is not an ISO-8601 instant such as 2026-05-04T10:15:30Z");
    assertThat(new ReleaseRequest("shop", "1.2.0", null, null, null, null, null, null).problems()).isEmpty();
  }

  @Test
  void everyMessageChecksItsFields() {
    assertThat(new ApproveMessage("bob", "production", "ok").problems()).isEmpty();
    assertThat(new ApproveMessage("bob smith", "prod\u0000", "x".repeat(1001)).problems()).containsExactly(
        "by: 'bob smith' must match [A-Za-z0-9][A-Za-z0-9._@-]{0,63}",
        "gate: 'prod\\u0000' must not contain control characters",
        "comment: is 1001 characters long; at most 1000 are allowed");
    assertThat(new RejectMessage(null, null, "no\u0007").problems()).containsExactly(
        "by: is required; say who sends this message, e.g. {\"by\":\"bob\"}",
        "reason: must not contain control characters other than newline; found \\u0007 at position 2");
    assertThat(new RollbackMessage("bob", "r".repeat(1_048_576), null).problems())
        .containsExactly("reason: is 1048576 characters long; at most 1000 are allowed");
    assertThat(new PauseMessage("-bob", null).problems())
        .containsExactly("by: '-bob' must match [A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    assertThat(new ResumeMessage("").problems())
        .containsExactly("by: is required; say who sends this message, e.g. {\"by\":\"bob\"}");
    assertThat(new PromoteMessage("bob\"}", true).problems())
        .containsExactly("by: 'bob\"}' must match [A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  }
}
