package dev.deployflow.activities.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputTailTest {

  private static void write(OutputTail tail, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    tail.write(bytes, 0, bytes.length);
  }

  @Test
  void keepsEverythingBelowTheCapacity() {
    OutputTail tail = new OutputTail(16);
    write(tail, "hello ");
    write(tail, "world");
    assertThat(tail.text()).isEqualTo("hello world");
    assertThat(tail.truncated()).isFalse();
    assertThat(tail.totalBytes()).isEqualTo(11);
  }

  @Test
  void keepsOnlyTheLastBytesAcrossManyWrapArounds() {
    OutputTail tail = new OutputTail(10);
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      String chunk = "line" + i + "\n";
      all.append(chunk);
      write(tail, chunk);
    }
    assertThat(tail.text()).isEqualTo(all.substring(all.length() - 10));
    assertThat(tail.truncated()).isTrue();
    assertThat(tail.totalBytes()).isEqualTo(all.length());
  }

  @Test
  void aSingleWriteLargerThanTheCapacityKeepsItsEnd() {
    OutputTail tail = new OutputTail(4);
    write(tail, "ab");
    write(tail, "0123456789");
    assertThat(tail.text()).isEqualTo("6789");
    assertThat(tail.totalBytes()).isEqualTo(12);
  }

  @Test
  void skipsACharacterCutInHalfAtTheStart() {
    OutputTail tail = new OutputTail(5);
    write(tail, "xxxé1234"); // é is two bytes: the tail starts with its second byte
    assertThat(tail.text()).isEqualTo("1234");
  }
}
