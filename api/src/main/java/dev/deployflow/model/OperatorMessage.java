package dev.deployflow.model;

import java.util.List;

/** What every operator message has: who sends it, and the input problems of its fields. */
public interface OperatorMessage {

  /** Who sends the message. */
  String by();

  /** The input problems of the message's fields, each naming its field (CONTRACT.md "Input rules"); empty when none. */
  List<String> problems();
}
