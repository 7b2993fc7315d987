package dev.deployflow.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How results are printed: for people, or as JSON for scripts. */
enum OutputFormat {
  TEXT,
  JSON;

  /** Accepts {@code text} and {@code json} in any case. */
  static final class Converter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "text" -> TEXT;
        case "json" -> JSON;
        default -> throw new TypeConversionException("'" + value + "' is not one of text, json");
      };
    }
  }
}
