package io.github.mmsdk.store.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes one measured section of a docs page, leaving the page's other sections as they are. */
final class DocSection {
  private DocSection() {}

  /**
   * Replaces the text between {@code <!-- begin: id -->} and {@code <!-- end: id -->} in a page, or
   * appends the section when the page has none; creates the page when it does not exist.
   *
   * @param page the page
   * @param id the section id
   * @param text the section's text
   * @throws IOException when the page cannot be written
   */
  static void write(Path page, String id, String text) throws IOException {
    String begin = "<!-- begin: " + id + " -->\n";
    String end = "<!-- end: " + id + " -->\n";
    String old = Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : "";
    int a = old.indexOf(begin);
    int b = old.indexOf(end);
    String body = begin + text + (text.endsWith("\n") ? "" : "\n") + end;
    String doc;
    if (a >= 0 && b > a) {
      doc = old.substring(0, a) + body + old.substring(b + end.length());
    } else {
      doc = old.isEmpty() ? body : old + (old.endsWith("\n") ? "\n" : "\n\n") + body;
    }
    Files.writeString(page, doc, StandardCharsets.UTF_8);
  }
}
