package io.github.mmsdk.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CandleAggregatorTest {

  @ParameterizedTest
  @ValueSource(strings = {"BTC-USDT", "ETH-USDT", "SOL-USDT"})
  void reproducesKuCoinFourHourCandles(String symbol) {
    TestData.assumeData();
    CandleSeries h1 = TestData.load(symbol, Timeframe.H1);
    CandleSeries h4 = TestData.load(symbol, Timeframe.H4);
    CandleSeries ours = CandleAggregator.toFourHours(h1);
    assertThat(ours.size()).isEqualTo(h4.size());
    for (int i = 0; i < h4.size(); i++) {
      assertThat(ours.openTimeMillis(i)).isEqualTo(h4.openTimeMillis(i));
      assertThat(ours.open(i)).isEqualTo(h4.open(i));
      assertThat(ours.high(i)).isEqualTo(h4.high(i));
      assertThat(ours.low(i)).isEqualTo(h4.low(i));
      assertThat(ours.close(i)).isEqualTo(h4.close(i));
      assertThat(ours.volume(i))
          .isCloseTo(h4.volume(i), org.assertj.core.data.Percentage.withPercentage(1e-9));
    }
  }

  @Test
  void alignsToUtcAndDropsIncompleteTrailingBucket() {
    CandleSeries.Builder b = CandleSeries.builder(Symbol.of("A", "B"), Timeframe.H1);
    long t0 = 1704067200000L + 2 * 3_600_000L; // 02:00 UTC: bucket 00-04 is partial at the start
    for (int i = 0; i < 11; i++) { // 02:00 .. 12:00
      double p = 100 + i;
      b.add(t0 + i * 3_600_000L, p, p + 1, p - 1, p + 0.5, 1);
    }
    CandleSeries four = CandleAggregator.toFourHours(b.build());
    // 00-04 has 2 hours (dropped), 04-08 and 08-12 are complete; 12-16 is incomplete (dropped)
    assertThat(four.size()).isEqualTo(2);
    assertThat(four.openTime(0).toString()).isEqualTo("2024-01-01T04:00:00Z");
    assertThat(four.openTime(1).toString()).isEqualTo("2024-01-01T08:00:00Z");
    assertThat(four.open(0)).isEqualTo(102);
    assertThat(four.high(0)).isEqualTo(106);
    assertThat(four.low(0)).isEqualTo(101);
    assertThat(four.close(0)).isEqualTo(105.5);
    assertThat(four.volume(0)).isEqualTo(4);
  }

  @Test
  void bucketWithAGapIsDropped() {
    CandleSeries.Builder b = CandleSeries.builder(Symbol.of("A", "B"), Timeframe.H1);
    long t0 = 1704067200000L;
    for (int i : new int[] {0, 1, 4, 5, 6, 7, 8, 10, 11}) { // 02:00, 03:00, 09:00 missing
      b.add(t0 + i * 3_600_000L, 100, 101, 99, 100, 1);
    }
    CandleSeries four = CandleAggregator.toFourHours(b.build());
    assertThat(four.size()).isEqualTo(1);
    assertThat(four.openTime(0).toString()).isEqualTo("2024-01-01T04:00:00Z");
    assertThat(four.volume(0)).isEqualTo(4);
  }

  @Test
  void rejectsNonHourlyInput() {
    assertThatThrownBy(
            () ->
                CandleAggregator.toFourHours(CandleSeries.empty(Symbol.of("A", "B"), Timeframe.H4)))
        .isInstanceOf(InvalidConfigurationException.class);
  }
}
