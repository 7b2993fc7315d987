package dev.deployflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What is left of a value once it is safe to print on a terminal. */
class PrintableTest {

  @Test
  void ansiEscapeSequencesLoseTheirEscapeCharacter() {
    assertThat(Printable.line("deployed\u001b[2J\u001b[1;31mFAKE\u001b]0;title\u0007"))
        .isEqualTo("deployed[2J[1;31mFAKE]0;title");
    // The one-byte C1 CSI is a control character too.
    assertThat(Printable.line("a\u009b2Jb")).isEqualTo("a2Jb");
  }

  @Test
  void aLineKeepsNoLineBreakButKeepsWordsApart() {
    assertThat(Printable.line("one\ntwo\r\nthree\tfour\u2028five"))
        .isEqualTo("one two  three fourfive");
  }

  @Test
  void multiLineTextKeepsItsNewlinesOnly() {
    assertThat(Printable.text("one\ntwo\r\n\u001b[Athree")).isEqualTo("one\ntwo \n[Athree");
  }

  @Test
  void bidirectionalOverridesAreRemoved() {
    assertThat(Printable.line("approve \u202Eevil\u202C \u2066x\u2069")).isEqualTo("approve evil x");
  }

  @Test
  void plainTextIsReturnedAsItIs() {
    String plain = "canary 10% — analysis 2/3 ✓";
    assertThat(Printable.line(plain)).isSameAs(plain);
    assertThat(Printable.line(null)).isNull();
  }
}
