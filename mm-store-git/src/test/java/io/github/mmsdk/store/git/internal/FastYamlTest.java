package io.github.mmsdk.store.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mmsdk.api.decision.DecisionRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FastYamlTest {

  private static JsonNode jackson(byte[] b) throws Exception {
    return Yaml.YAML.readTree(b);
  }

  @Test
  void equals_jackson_on_everything_the_store_writes() {
    qt().withFixedSeed(20261123L)
        .withExamples(300)
        .forAll(
            doubles().any(),
            longs().all(),
            integers().between(-3, 12),
            strings().betweenCodePoints(1, 0xD7FF).ofLengthBetween(0, 25))
        .checkAssert(
            (d, unscaled, scale, text) -> {
              try {
                DecisionRecord rec =
                    RecordMapperTest.decision(
                        Double.isFinite(d) ? d : 1.0, BigDecimal.valueOf(unscaled, scale), text);
                ObjectNode extra = Yaml.object();
                extra.put("t", text);
                extra.put("d", d);
                extra.put("big", BigDecimal.valueOf(unscaled, scale));
                extra.put("l", unscaled);
                extra.putArray("list").add(text).add(unscaled).addObject().put(text, d);
                byte[] bytes =
                    AppendOnly.create(
                        WireSchema.DECISION,
                        RecordMapper.decisionBody(rec),
                        "appended",
                        List.of(extra, extra));
                Optional<JsonNode> fast = FastYaml.read(bytes);
                JsonNode slow = jackson(bytes);
                fast.ifPresent(
                    f ->
                        assertThat(f)
                            .as(new String(bytes, StandardCharsets.UTF_8))
                            .isEqualTo(slow));
                byte[] plain = Yaml.write(extra);
                Optional<JsonNode> fast2 = FastYaml.read(plain);
                JsonNode slow2 = jackson(plain);
                fast2.ifPresent(f -> assertThat(f).isEqualTo(slow2));
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void reads_the_usual_records_without_falling_back() throws Exception {
    DecisionRecord rec = RecordMapperTest.decision(12.5, new BigDecimal("2500.10"), "a reason");
    byte[] bytes =
        AppendOnly.create(
            WireSchema.DECISION, RecordMapper.decisionBody(rec), "appended", List.of());
    assertThat(FastYaml.read(bytes)).contains(jackson(bytes));
  }

  @Test
  void gives_up_on_what_it_does_not_know() {
    for (String s :
        List.of(
            "",
            "# comment\na: 1\n",
            "a: [1, 2]\n",
            "a: |\n  x\n",
            "a: &x 1\n",
            "  a: 1\n",
            "a: 1\n  b: 2\n",
            "a: yes\n",
            "a: 'x\n",
            "a: \"x\n",
            "a: \"\\q\"\n",
            "a:b\n",
            "- \n",
            "a: 1\na: 2\n",
            "---\na: 1\n",
            "a: 1 \n",
            "a: .inf\n",
            "? a\n")) {
      assertThat(FastYaml.read(s.getBytes(StandardCharsets.UTF_8))).as(s).isEmpty();
    }
    assertThat(
            FastYaml.read(
                "a: 'it''s'\nb: ~\nc: \"\\x41\\u0042\\U00000043\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\\"\\/\\\\\\N\\_\\L\\P\"\n"
                    .getBytes(StandardCharsets.UTF_8)))
        .hasValueSatisfying(
            n -> {
              assertThat(n.get("a").asText()).isEqualTo("it's");
              assertThat(n.get("b").isNull()).isTrue();
              assertThat(n.get("c").asText()).startsWith("ABC\0");
            });
  }
}
