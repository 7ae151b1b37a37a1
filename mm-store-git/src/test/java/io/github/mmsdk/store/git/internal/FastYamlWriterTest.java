package io.github.mmsdk.store.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mmsdk.api.decision.DecisionRecord;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FastYamlWriterTest {

  private static final List<String> WORDS =
      List.of(
          "a",
          "RANGE_OK",
          "eth-grid-1",
          "ETH-USDT",
          "ADX rising",
          "max_drawdown",
          "y",
          "n",
          "yes",
          "null",
          "true",
          "Off",
          "~",
          "123",
          "1.5",
          "-x",
          "a:b",
          "a #b",
          "",
          " a",
          "a ",
          "x y",
          "2026-02-02",
          "2026-02-02T14:00:00Z",
          "say \"hi\"",
          "back\\slash",
          "tab\tx",
          "héllo",
          "line\nbreak",
          "ADX 17.25 < 20",
          "4 of 5 metrics vote range",
          "a/b.c+d",
          "(x)",
          "50%");

  /** A random tree: mappings and sequences (some empty) over words, generated text and numbers. */
  private static JsonNode tree(Random r, List<String> texts, double d, long l, int depth) {
    if (depth > 3 || r.nextInt(4) == 0) {
      return scalar(r, texts, d, l);
    }
    if (r.nextBoolean()) {
      ObjectNode o = Yaml.object();
      for (int i = r.nextInt(4); i > 0; i--) {
        o.set(text(r, texts), tree(r, texts, d, l, depth + 1));
      }
      return o;
    }
    ArrayNode a = Yaml.NODES.arrayNode();
    for (int i = r.nextInt(4); i > 0; i--) {
      a.add(tree(r, texts, d, l, depth + 1));
    }
    return a;
  }

  private static String text(Random r, List<String> texts) {
    return r.nextBoolean()
        ? WORDS.get(r.nextInt(WORDS.size()))
        : texts.get(r.nextInt(texts.size()));
  }

  private static JsonNode scalar(Random r, List<String> texts, double d, long l) {
    switch (r.nextInt(9)) {
      case 0:
        return Yaml.NODES.numberNode(d);
      case 1:
        return Yaml.NODES.numberNode(l);
      case 2:
        return Yaml.NODES.numberNode((int) l);
      case 3:
        return Yaml.NODES.numberNode(BigDecimal.valueOf(l, r.nextInt(16) - 3));
      case 4:
        return Yaml.NODES.numberNode(BigInteger.valueOf(l).multiply(BigInteger.TEN.pow(20)));
      case 5:
        return Yaml.NODES.booleanNode(r.nextBoolean());
      case 6:
        return Yaml.NODES.nullNode();
      default:
        return Yaml.NODES.textNode(text(r, texts));
    }
  }

  private static boolean assertSameAsJackson(JsonNode node) {
    Optional<byte[]> fast = FastYamlWriter.write(node, quoting());
    byte[] slow = Yaml.writeSlow(node);
    fast.ifPresent(
        f ->
            assertThat(new String(f, StandardCharsets.UTF_8))
                .as("%s", node)
                .isEqualTo(new String(slow, StandardCharsets.UTF_8)));
    assertThat(Yaml.write(node)).isEqualTo(slow);
    return fast.isPresent();
  }

  private static com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker quoting() {
    return Yaml.QUOTING;
  }

  @Test
  void writes_what_jackson_writes_for_generated_trees() {
    AtomicInteger written = new AtomicInteger();
    qt().withFixedSeed(20261123L)
        .withExamples(2000)
        .forAll(
            longs().all(),
            lists()
                .of(strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, 10))
                .ofSizeBetween(1, 6),
            doubles().any(),
            integers().all())
        .checkAssert(
            (seed, texts, d, i) -> {
              Random r = new Random(seed);
              JsonNode root = tree(r, new ArrayList<>(texts), d, (long) i * 31 + seed % 1000, 0);
              if (!root.isContainerNode()) {
                ObjectNode o = Yaml.object();
                o.set("v", root);
                root = o;
              }
              if (assertSameAsJackson(root)) {
                written.incrementAndGet();
              }
            });
    assertThat(written.get()).as("trees the fast writer wrote itself").isGreaterThan(300);
  }

  @Test
  void writes_the_usual_records_itself() {
    DecisionRecord rec = RecordMapperTest.decision(12.5, new BigDecimal("2500.10"), "a reason");
    for (JsonNode n :
        List.<JsonNode>of(
            RecordMapper.decisionBody(rec),
            RecordMapper.gridBody(RecordMapperTest.grid()),
            Yaml.NODES.arrayNode().add(RecordMapper.evaluation(rec.evaluations().get(0))))) {
      assertThat(FastYamlWriter.write(n, quoting())).as("%s", n).isPresent();
      assertSameAsJackson(n);
    }
  }

  @Test
  void leaves_to_jackson_what_it_does_not_know() {
    for (String s : List.of("line\nbreak", "tab\tx", "héllo", "say \"hi\"", "back\\slash")) {
      ObjectNode o = Yaml.object();
      o.put("v", s);
      assertThat(FastYamlWriter.write(o, quoting())).as(s).isEmpty();
      assertSameAsJackson(o);
    }
    ObjectNode keys = Yaml.object();
    keys.put("yes", 1);
    assertThat(FastYamlWriter.write(keys, quoting())).isEmpty();
    ObjectNode nan = Yaml.object();
    nan.put("d", Double.NaN);
    assertThat(FastYamlWriter.write(nan, quoting())).isEmpty();
    ObjectNode f = Yaml.object();
    f.put("f", 1.5f);
    assertThat(FastYamlWriter.write(f, quoting())).isEmpty();
    assertThat(FastYamlWriter.write(Yaml.object(), quoting())).isEmpty();
    assertThat(FastYamlWriter.write(Yaml.NODES.textNode("x"), quoting())).isEmpty();
    assertThat(new String(Yaml.write(Yaml.object()), StandardCharsets.UTF_8)).isEqualTo("{}\n");
  }
}
