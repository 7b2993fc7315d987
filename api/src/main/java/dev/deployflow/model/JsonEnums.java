package dev.deployflow.model;

import java.util.Locale;

/** Shared parsing of the lower-case, case-insensitive enum values that CONTRACT.md promises. */
final class JsonEnums {
  private JsonEnums() {}

  static <E extends Enum<E>> E parse(Class<E> type, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      return Enum.valueOf(type, normalized);
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E constant : type.getEnumConstants()) {
        if (allowed.length() > 0) {
          allowed.append(", ");
        }
        allowed.append(json(constant));
      }
      // Not chained: Jackson reports a creator's root cause, and this is the one a person reads. The
      // value is quoted short and escaped: it may be a megabyte or a terminal escape sequence.
      throw new IllegalArgumentException(InputRules.quote(value) + " is not one of " + allowed);
    }
  }

  static String json(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }
}
