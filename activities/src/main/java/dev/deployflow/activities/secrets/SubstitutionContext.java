package dev.deployflow.activities.secrets;

/**
 * Where a template's placeholders stand, and how a value is written there. The renderer feeds a
 * context the template's literal text and its values in order; the context keeps track of where
 * the next placeholder stands (inside a JSON string, in a URL's query…) from the literal text
 * only, because values are escaped and so never move that position.
 */
interface SubstitutionContext {

  /** Template text, as written in the pipeline. */
  void literal(String text);

  /**
   * The value as it must be written at the current position.
   *
   * @param placeholder as written, such as {@code ${version}}, for messages
   * @param fromEnvironment whether it is {@code ${env:NAME}} (the worker's configuration) rather
   *     than a release variable (which may come from a caller)
   * @throws UnsafeValueException when no escaping can keep the value in its place
   */
  String substitute(String placeholder, boolean fromEnvironment, String value);

  /** A last check of the whole rendered text; returns it, possibly normalised. */
  default String finish(String rendered) {
    return rendered;
  }
}
