package io.github.mmsdk.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidCandleException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import org.junit.jupiter.api.Test;

class GapPolicyTest {

  static CandleSeries withGap(int missing) {
    CandleSeries.Builder b = CandleSeries.builder(Symbol.of("A", "B"), Timeframe.H1);
    long t = 1704067200000L;
    for (int i = 0; i < 10; i++) {
      b.add(t, 100 + i, 101 + i, 99 + i, 100.5 + i, 1);
      t += 3_600_000L * (i == 4 ? missing + 1 : 1);
    }
    return b.build();
  }

  @Test
  void ignoreKeepsTheSeries() {
    CandleSeries s = withGap(3);
    assertThat(GapPolicy.IGNORE.apply(s, 6)).isSameAs(s);
    assertThat(GapPolicy.FORWARD_FILL.apply(TestData.random(1, 50, 100, 0.01), 6).size())
        .isEqualTo(50);
  }

  @Test
  void forwardFillInsertsFlatCandlesAtThePreviousClose() {
    CandleSeries f = GapPolicy.FORWARD_FILL.apply(withGap(3), 6);
    assertThat(f.size()).isEqualTo(13);
    for (int i = 5; i < 8; i++) {
      assertThat(f.open(i)).isEqualTo(104.5);
      assertThat(f.high(i)).isEqualTo(104.5);
      assertThat(f.low(i)).isEqualTo(104.5);
      assertThat(f.close(i)).isEqualTo(104.5);
      assertThat(f.volume(i)).isZero();
      assertThat(f.openTimeMillis(i) - f.openTimeMillis(i - 1)).isEqualTo(3_600_000L);
    }
    assertThat(f.close(8)).isEqualTo(105.5);
  }

  @Test
  void rejectNamesTheFirstCandleAfterTheGap() {
    assertThatThrownBy(() -> GapPolicy.REJECT.apply(withGap(1), 6))
        .isInstanceOf(InvalidCandleException.class)
        .hasMessageContaining("REJECT")
        .extracting(e -> ((InvalidCandleException) e).index())
        .isEqualTo(5);
    assertThatThrownBy(() -> GapPolicy.FORWARD_FILL.apply(withGap(7), 6))
        .isInstanceOf(InvalidCandleException.class)
        .hasMessageContaining("longer than")
        .extracting(e -> ((InvalidCandleException) e).index())
        .isEqualTo(5);
  }

  @Test
  void trackerFollowsTheSamePolicy() {
    CandleSeries s = withGap(3);
    RegimeTracker filled = new RegimeTracker();
    filled.updateAll(s);
    RegimeTracker replay =
        new RegimeTracker(new RegimeConfig.Builder().gapPolicy(GapPolicy.IGNORE).build());
    replay.updateAll(GapPolicy.FORWARD_FILL.apply(s, 6));
    assertThat(filled.count()).isEqualTo(10);
    assertThat(replay.count()).isEqualTo(13);
    assertThat(filled.metric(io.github.mmsdk.api.regime.MetricId.BOLLINGER_BANDWIDTH))
        .isEqualTo(replay.metric(io.github.mmsdk.api.regime.MetricId.BOLLINGER_BANDWIDTH));
    RegimeTracker strict =
        new RegimeTracker(new RegimeConfig.Builder().gapPolicy(GapPolicy.REJECT).build());
    assertThatThrownBy(() -> strict.updateAll(s))
        .isInstanceOf(InvalidCandleException.class)
        .extracting(e -> ((InvalidCandleException) e).index())
        .isEqualTo(5);
    assertThat(strict.count()).isEqualTo(5);
    RegimeTracker tooLong = new RegimeTracker();
    assertThatThrownBy(() -> tooLong.updateAll(withGap(9)))
        .isInstanceOf(InvalidCandleException.class);
  }
}
