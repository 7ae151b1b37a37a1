package io.github.mmsdk.store.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mmsdk.api.store.StoreConflictException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppendOnlyTest {

  private static ObjectNode entry(String text, int n) {
    ObjectNode o = Yaml.object();
    o.put("text", text);
    o.put("n", n);
    o.putArray("tags").add("a").add(text);
    return o;
  }

  @Test
  void appending_keeps_every_earlier_byte_and_reads_back_every_entry() {
    qt().withFixedSeed(20261123L)
        .withExamples(100)
        .forAll(
            strings().betweenCodePoints(1, 0xD7FF).ofLengthBetween(0, 30), integers().between(1, 5))
        .checkAssert(
            (text, count) -> {
              ObjectNode header = Yaml.object();
              header.put("title", text);
              header.putArray("list").add(text);
              byte[] doc = AppendOnly.create(WireSchema.EXIT_STATE, header, "entries", List.of());
              for (int i = 0; i < count; i++) {
                byte[] next = AppendOnly.append(doc, "entries", List.of(entry(text, i)), "p");
                assertThat(Arrays.copyOf(next, doc.length)).isEqualTo(doc);
                doc = next;
              }
              try {
                JsonNode root = Yaml.read(doc);
                assertThat(root.get("title").asText()).isEqualTo(text);
                assertThat(root.get("entries")).hasSize(count);
                assertThat(root.get("entries").get(count - 1)).isEqualTo(entry(text, count - 1));
              } catch (Exception e) {
                throw new AssertionError(new String(doc, StandardCharsets.UTF_8), e);
              }
            });
  }

  @Test
  void a_list_that_is_not_last_or_is_a_flow_list_is_refused() {
    byte[] notLast = "entries:\n- a: 1\nother: 2\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AppendOnly.append(notLast, "entries", List.of(entry("x", 1)), "p"))
        .isInstanceOf(StoreConflictException.class);
    byte[] flow = "a: 1\nentries: []\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AppendOnly.append(flow, "entries", List.of(entry("x", 1)), "p"))
        .isInstanceOf(StoreConflictException.class);
    byte[] missing = "a: 1".getBytes(StandardCharsets.UTF_8);
    byte[] out = AppendOnly.append(missing, "entries", List.of(entry("x", 1)), "p");
    assertThat(new String(out, StandardCharsets.UTF_8)).startsWith("a: 1\nentries:\n- text: x");
    byte[] nul = "a: 1\nentries: ~\n".getBytes(StandardCharsets.UTF_8);
    assertThat(AppendOnly.append(nul, "entries", List.of(), "p")).isEqualTo(nul);
  }
}
