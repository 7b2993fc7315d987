package dev.deployflow.worker.chat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body. The chat endpoint reads the raw
 * bytes itself, because the signature covers them exactly, so it cannot let the servlet
 * container parse the parameters first.
 */
final class FormBody {
  private FormBody() {}

  /** The fields of the body; the first occurrence of a repeated name wins. */
  static Map<String, String> parse(byte[] body) {
    Map<String, String> fields = new LinkedHashMap<>();
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return fields;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      fields.putIfAbsent(decode(name), decode(value));
    }
    return fields;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // A malformed escape: keep the text as sent rather than reject the whole command.
      return text;
    }
  }
}
