package io.github.mmsdk.notify.internal;

import io.github.mmsdk.api.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Replaces every secret value (raw and URL-encoded) in a text by {@code ****}. */
public final class Redactor {
  private final List<String> values;

  private Redactor(List<String> values) {
    this.values = values;
  }

  /**
   * A redactor for some secrets.
   *
   * @param secrets the secrets; empty ones are ignored
   * @return the redactor
   */
  public static Redactor of(Secret... secrets) {
    List<String> values = new ArrayList<>();
    for (Secret s : secrets) {
      if (!s.isEmpty()) {
        values.add(s.reveal());
        String encoded = URLEncoder.encode(s.reveal(), StandardCharsets.UTF_8);
        if (!encoded.equals(s.reveal())) {
          values.add(encoded);
        }
      }
    }
    values.sort((a, b) -> Integer.compare(b.length(), a.length()));
    return new Redactor(List.copyOf(values));
  }

  /**
   * Redacts a text.
   *
   * @param text the text, may be {@code null}
   * @return the text without secrets; {@code ""} for {@code null}
   */
  public String redact(String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String v : values) {
      out = out.replace(v, "****");
    }
    return out;
  }

  /**
   * Describes a failure without secrets: its type and redacted message.
   *
   * @param t the failure
   * @return a one-line description
   */
  public String describe(Throwable t) {
    String message = t.getMessage();
    String type = t.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + redact(message);
  }
}
