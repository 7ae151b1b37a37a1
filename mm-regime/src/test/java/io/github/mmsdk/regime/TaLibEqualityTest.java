package io.github.mmsdk.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our reference-backed metrics against the TA-Lib Java port, on real and generated candles. */
class TaLibEqualityTest {

  private static final Core CORE = new Core();

  /** Reference output aligned to input indices: NaN before TA-Lib's first output. */
  record Ref(int begin, double[] aligned) {}

  static Ref adx(CandleSeries s, int period) {
    double[][] hlc = hlc(s);
    double[] out = new double[s.size()];
    MInteger beg = new MInteger();
    MInteger nb = new MInteger();
    RetCode rc = CORE.adx(0, s.size() - 1, hlc[0], hlc[1], hlc[2], period, beg, nb, out);
    assertThat(rc).isEqualTo(RetCode.Success);
    return align(s.size(), beg, nb, out);
  }

  static Ref atr(CandleSeries s, int period) {
    double[][] hlc = hlc(s);
    double[] out = new double[s.size()];
    MInteger beg = new MInteger();
    MInteger nb = new MInteger();
    RetCode rc = CORE.atr(0, s.size() - 1, hlc[0], hlc[1], hlc[2], period, beg, nb, out);
    assertThat(rc).isEqualTo(RetCode.Success);
    return align(s.size(), beg, nb, out);
  }

  static Ref slope(CandleSeries s, int period) {
    double[] out = new double[s.size()];
    MInteger beg = new MInteger();
    MInteger nb = new MInteger();
    RetCode rc = CORE.linearRegSlope(0, s.size() - 1, hlc(s)[2], period, beg, nb, out);
    assertThat(rc).isEqualTo(RetCode.Success);
    return align(s.size(), beg, nb, out);
  }

  static Ref bandwidth(CandleSeries s, int period, double k) {
    int n = s.size();
    double[] up = new double[n];
    double[] mid = new double[n];
    double[] lo = new double[n];
    MInteger beg = new MInteger();
    MInteger nb = new MInteger();
    RetCode rc = CORE.bbands(0, n - 1, hlc(s)[2], period, k, k, MAType.Sma, beg, nb, up, mid, lo);
    assertThat(rc).isEqualTo(RetCode.Success);
    double[] bw = new double[n];
    for (int i = 0; i < nb.value; i++) {
      bw[i] = (up[i] - lo[i]) / mid[i];
    }
    return align(n, beg, nb, bw);
  }

  private static Ref align(int size, MInteger beg, MInteger nb, double[] out) {
    double[] a = new double[size];
    java.util.Arrays.fill(a, Double.NaN);
    for (int i = 0; i < nb.value; i++) {
      a[beg.value + i] = out[i];
    }
    return new Ref(nb.value == 0 ? size : beg.value, a);
  }

  private static double[][] hlc(CandleSeries s) {
    return new double[][] {s.highs(), s.lows(), s.closes()};
  }

  static void assertEqual(String what, MetricSeries ours, Ref ref, boolean requireAll) {
    // when the series is shorter than the warm-up TA-Lib gives no output at all
    assertThat(Math.min(ours.firstOutputIndex(), ours.size()))
        .as(what + " warm-up")
        .isEqualTo(ref.begin());
    for (int i = 0; i < ours.size(); i++) {
      double t = ref.aligned()[i];
      if (i < ref.begin()) {
        assertThat(ours.isAvailable(i)).as(what + " before warm-up at " + i).isFalse();
        continue;
      }
      if (!ours.isAvailable(i)) {
        assertThat(requireAll).as(what + " unavailable at " + i).isFalse();
        continue;
      }
      double v = ours.valueOr(i, Double.NaN);
      assertThat(Math.abs(v - t))
          .as(what + " at " + i + ": ours " + v + " talib " + t)
          .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(t)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"BTC-USDT", "ETH-USDT", "SOL-USDT"})
  void realCandlesEqualTaLib(String symbol) {
    TestData.assumeData();
    for (Timeframe tf : new Timeframe[] {Timeframe.H1, Timeframe.H4}) {
      CandleSeries s = TestData.load(symbol, tf);
      assertEqual(symbol + " ADX", Adx.compute(s), adx(s, 14), true);
      assertEqual(symbol + " ATR", AverageTrueRange.compute(s), atr(s, 14), true);
      assertEqual(symbol + " slope", LinearRegressionSlope.compute(s), slope(s, 20), true);
      assertEqual(symbol + " BB", BollingerBandwidth.compute(s), bandwidth(s, 20, 2), true);
    }
  }

  @Test
  void generatedSeriesEqualTaLib() {
    qt().withFixedSeed(20261123L)
        .withExamples(150)
        .forAll(longs().all(), integers().between(30, 600), integers().between(2, 30))
        .checkAssert(
            (seed, size, period) -> {
              CandleSeries s = TestData.random(seed, size, 50 + (seed & 1023), 0.01);
              assertEqual("ADX", Adx.compute(s, period), adx(s, period), false);
              assertEqual("ATR", AverageTrueRange.compute(s, period), atr(s, period), true);
              assertEqual(
                  "slope", LinearRegressionSlope.compute(s, period), slope(s, period), true);
              assertEqual(
                  "BB", BollingerBandwidth.compute(s, period, 2), bandwidth(s, period, 2), false);
            });
  }

  @Test
  void normalizedSlopeIsSlopeOverAtr() {
    CandleSeries s = TestData.random(7, 400, 100, 0.01);
    Ref sl = slope(s, 20);
    Ref at = atr(s, 14);
    MetricSeries ns = NormalizedSlope.compute(s);
    assertThat(ns.firstOutputIndex()).isEqualTo(19);
    for (int i = 19; i < s.size(); i++) {
      double t = sl.aligned()[i] / at.aligned()[i];
      assertThat(ns.valueOr(i, Double.NaN)).isCloseTo(t, org.assertj.core.data.Offset.offset(1e-9));
    }
    assertThat(ns.isAvailable(18)).isFalse();
  }
}
