package io.github.mmsdk.exchange.kucoin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exchange.PermanentExchangeException;
import io.github.mmsdk.exchange.kucoin.fake.FakeKuCoin;
import io.github.mmsdk.exchange.kucoin.internal.wire.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CandlesTest {
  private static final Symbol BTC = Symbol.of("BTC", "USDT");
  private static final Path FIXTURES = FakeKuCoin.shared().resolve("kucoin/fixtures");

  private static JsonNode fixture(String name) throws IOException {
    Assumptions.assumeTrue(
        Files.isDirectory(FIXTURES), "../shared/kucoin absent: skipping fixture test");
    return Wire.MAPPER.readTree(FIXTURES.resolve(name).toFile()).get("data");
  }

  @Test
  void maps_kucoins_open_close_high_low_column_order_and_sorts_ascending() throws IOException {
    Candles c = new Candles(BTC, Timeframe.M1);
    assertThat(c.addPage("candles", fixture("candles_1min.json"))).isEqualTo(3);
    CandleSeries s = c.build("candles", 0, Long.MAX_VALUE, Long.MAX_VALUE);
    assertThat(s.size()).isEqualTo(3);
    assertThat(s.openTimeMillis(0)).isEqualTo(1566789600_000L);
    assertThat(s.openTimeMillis(2)).isEqualTo(1566789720_000L);
    // ["1566789720","10411.5","10401.9","10411.5","10396.3","29.11357276",...]: O, C, H, L
    assertThat(s.open(2)).isEqualTo(10411.5);
    assertThat(s.close(2)).isEqualTo(10401.9);
    assertThat(s.high(2)).isEqualTo(10411.5);
    assertThat(s.low(2)).isEqualTo(10396.3);
    assertThat(s.volume(2)).isEqualTo(29.11357276);
  }

  @Test
  void the_1day_fixture_and_the_in_progress_filter() throws IOException {
    Candles c = new Candles(BTC, Timeframe.D1);
    c.addPage("candles", fixture("candles_1day.json"));
    assertThat(c.build("candles", 0, Long.MAX_VALUE, Long.MAX_VALUE).size()).isEqualTo(3);
    long now = 1632182400_000L + 3_600_000L;
    CandleSeries closed = c.build("candles", 0, Long.MAX_VALUE, now);
    assertThat(closed.size()).isEqualTo(2);
    assertThat(Candles.type(Timeframe.D1)).isEqualTo("1day");
  }

  @Test
  void overlapping_pages_deduplicate_and_any_order_sorts() {
    qt().withFixedSeed(20261123L)
        .withExamples(100)
        .forAll(lists().of(integers().between(0, 50)).ofSizeBetween(0, 120))
        .checkAssert(
            minutes -> {
              Candles c = new Candles(BTC, Timeframe.M1);
              ArrayNode page = Wire.MAPPER.createArrayNode();
              for (int m : minutes) {
                ArrayNode row = page.addArray();
                row.add(Long.toString(1_699_999_980L + m * 60L));
                row.add("10").add("11").add("12").add("9").add("1").add("10");
              }
              c.addPage("candles", page);
              c.addPage("candles", page);
              CandleSeries s = c.build("candles", 0, Long.MAX_VALUE, Long.MAX_VALUE);
              assertThat(s.size()).isEqualTo((int) minutes.stream().distinct().count());
            });
  }

  @Test
  void malformed_rows_are_permanent_failures() {
    Candles c = new Candles(BTC, Timeframe.M1);
    ArrayNode bad = Wire.MAPPER.createArrayNode();
    bad.addArray().add("1").add("2");
    assertThatThrownBy(() -> c.addPage("candles", bad))
        .isInstanceOf(PermanentExchangeException.class);
    ArrayNode nan = Wire.MAPPER.createArrayNode();
    nan.addArray().add("60").add("x").add("1").add("1").add("1").add("1").add("1");
    assertThatThrownBy(() -> c.addPage("candles", nan))
        .isInstanceOf(PermanentExchangeException.class);
    assertThatThrownBy(() -> c.addPage("candles", Wire.MAPPER.createObjectNode()))
        .isInstanceOf(PermanentExchangeException.class);
    ArrayNode broken = Wire.MAPPER.createArrayNode();
    broken.addArray().add("60").add("10").add("10").add("5").add("9").add("1").add("1");
    c.addPage("candles", broken);
    assertThatThrownBy(() -> c.build("candles", 0, Long.MAX_VALUE, Long.MAX_VALUE))
        .isInstanceOf(PermanentExchangeException.class);
  }
}
