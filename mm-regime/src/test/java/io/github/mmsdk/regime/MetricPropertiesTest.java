package io.github.mmsdk.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidCandleException;
import io.github.mmsdk.api.InvalidConfigurationException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Invariants of the six metrics (QuickTheories, fixed seed). */
class MetricPropertiesTest {

  /** A metric under test: its streaming factory and its batch form. */
  record Case(
      String name,
      Supplier<StreamingMetric> streaming,
      Function<CandleSeries, MetricSeries> batch) {}

  static final List<Case> CASES =
      List.of(
          new Case("adx", Adx::new, Adx::compute),
          new Case("atr", AverageTrueRange::new, AverageTrueRange::compute),
          new Case("efficiency_ratio", EfficiencyRatio::new, EfficiencyRatio::compute),
          new Case("autocorrelation", Autocorrelation::new, Autocorrelation::compute),
          new Case("ou_half_life", OuHalfLife::new, OuHalfLife::compute),
          new Case("slope", LinearRegressionSlope::new, LinearRegressionSlope::compute),
          new Case("normalized_slope", NormalizedSlope::new, NormalizedSlope::compute),
          new Case("bollinger_bandwidth", BollingerBandwidth::new, BollingerBandwidth::compute));

  @Test
  void streamingEqualsBatch() {
    qt().withFixedSeed(20261123L)
        .withExamples(60)
        .forAll(longs().all(), integers().between(0, 700))
        .checkAssert(
            (seed, size) -> {
              CandleSeries s = TestData.random(seed, size, 100, 0.01);
              for (Case c : CASES) {
                MetricSeries batch = c.batch().apply(s);
                StreamingMetric m = c.streaming().get();
                for (int i = 0; i < s.size(); i++) {
                  m.update(s.high(i), s.low(i), s.close(i));
                  assertThat(m.count()).isEqualTo(i + 1);
                  assertThat(m.isAvailable())
                      .as(c.name() + " at " + i)
                      .isEqualTo(batch.isAvailable(i));
                  assertThat(m.valueOr(-7))
                      .as(c.name() + " at " + i)
                      .isEqualTo(batch.valueOr(i, -7));
                  assertThat(m.value()).isEqualTo(batch.value(i));
                  if (i < m.firstOutputIndex()) {
                    assertThat(m.isAvailable()).isFalse();
                  }
                }
                // reset gives a fresh metric
                m.reset();
                assertThat(m.count()).isZero();
                assertThat(m.isAvailable()).isFalse();
                for (int i = 0; i < s.size(); i++) {
                  m.update(s.high(i), s.low(i), s.close(i));
                }
                assertThat(m.value()).isEqualTo(batch.last());
              }
            });
  }

  @Test
  void everyMetricIsScaleInvariant() {
    qt().withFixedSeed(20261123L)
        .withExamples(60)
        .forAll(longs().all(), integers().between(100, 500), doubles().between(0.01, 100))
        .checkAssert(
            (seed, size, k) -> {
              CandleSeries s = TestData.random(seed, size, 50, 0.01);
              CandleSeries t = TestData.scaled(s, k);
              for (Case c : CASES) {
                if (c.name().equals("atr") || c.name().equals("slope")) {
                  continue; // price units: they scale with k by definition
                }
                MetricSeries a = c.batch().apply(s);
                MetricSeries b = c.batch().apply(t);
                for (int i = 0; i < size; i++) {
                  assertThat(b.isAvailable(i))
                      .as(c.name() + " at " + i)
                      .isEqualTo(a.isAvailable(i));
                  double x = a.valueOr(i, 0);
                  double y = b.valueOr(i, 0);
                  if (Double.isInfinite(x) || Double.isInfinite(y)) {
                    assertThat(y).as(c.name() + " at " + i).isEqualTo(x);
                  } else {
                    assertThat(Math.abs(x - y))
                        .as(c.name() + " at " + i + ": " + x + " vs " + y)
                        .isLessThanOrEqualTo(1e-6 * Math.max(1, Math.abs(x)));
                  }
                }
              }
            });
  }

  @Test
  void rangesHold() {
    qt().withFixedSeed(20261123L)
        .withExamples(80)
        .forAll(longs().all(), integers().between(0, 600), doubles().between(0.0001, 0.05))
        .checkAssert(
            (seed, size, vol) -> {
              CandleSeries s = TestData.random(seed, size, 100, vol);
              MetricSeries adx = Adx.compute(s);
              MetricSeries er = EfficiencyRatio.compute(s);
              MetricSeries ac = Autocorrelation.compute(s);
              MetricSeries ou = OuHalfLife.compute(s);
              MetricSeries bw = BollingerBandwidth.compute(s);
              MetricSeries ns = NormalizedSlope.compute(s);
              for (int i = 0; i < size; i++) {
                assertThat(adx.valueOr(i, 0)).isBetween(0.0, 100.0);
                assertThat(er.valueOr(i, 0)).isBetween(0.0, 1.0);
                assertThat(ac.valueOr(i, 0)).isBetween(-1.0, 1.0);
                assertThat(ou.valueOr(i, 1)).isGreaterThan(0.0);
                assertThat(bw.valueOr(i, 0)).isGreaterThanOrEqualTo(0.0);
                assertThat(Double.isNaN(ns.valueOr(i, 0))).isFalse();
                assertThat(Double.isNaN(ou.valueOr(i, 0))).isFalse();
              }
            });
  }

  @Test
  void constantAndShortSeriesAreUnavailable() {
    qt().withFixedSeed(20261123L)
        .withExamples(30)
        .forAll(integers().between(0, 300), doubles().between(0.001, 1e6))
        .checkAssert(
            (size, price) -> {
              CandleSeries s = TestData.constant(size, price);
              for (Case c : CASES) {
                if (c.name().equals("atr") || c.name().equals("slope")) {
                  continue; // defined as 0 on a constant series
                }
                MetricSeries m = c.batch().apply(s);
                assertThat(m.availableCount()).as(c.name()).isZero();
                assertThat(m.last()).isEmpty();
              }
            });
    for (Case c : CASES) {
      StreamingMetric m = c.streaming().get();
      CandleSeries s = TestData.random(3, m.firstOutputIndex(), 100, 0.01);
      assertThat(c.batch().apply(s).availableCount()).as(c.name()).isZero();
      assertThat(m.value()).isEmpty();
      assertThat(m.valueOr(-1)).isEqualTo(-1);
    }
  }

  @Test
  void ouHalfLifeMatchesDefinition() {
    CandleSeries s = TestData.random(11, 300, 100, 0.01);
    MetricSeries ou = OuHalfLife.compute(s);
    MetricSeries ac = Autocorrelation.compute(s);
    MetricSeries er = EfficiencyRatio.compute(s);
    for (int t = 100; t < 300; t += 37) {
      double[] x = new double[100];
      double[] z = new double[100];
      for (int j = 0; j < 100; j++) {
        int i = t - 99 + j;
        x[j] = Math.log(s.close(i - 1));
        z[j] = Math.log(s.close(i)) - x[j];
      }
      double b = cov(x, z) / cov(x, x);
      double expected = b >= 0 ? Double.POSITIVE_INFINITY : -Math.log(2) / Math.log(1 + b);
      assertThat(ou.valueOr(t, 0))
          .isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-6));
      double[] r = new double[48];
      for (int j = 0; j < 48; j++) {
        int i = t - 47 + j;
        r[j] = Math.log(s.close(i)) - Math.log(s.close(i - 1));
      }
      double[] a = java.util.Arrays.copyOfRange(r, 0, 47);
      double[] bb = java.util.Arrays.copyOfRange(r, 1, 48);
      double corr = cov(a, bb) / Math.sqrt(cov(a, a) * cov(bb, bb));
      assertThat(ac.valueOr(t, 9)).isCloseTo(corr, org.assertj.core.data.Offset.offset(1e-9));
      double path = 0;
      for (int i = t - 19; i <= t; i++) {
        path += Math.abs(s.close(i) - s.close(i - 1));
      }
      assertThat(er.valueOr(t, 9))
          .isCloseTo(
              Math.abs(s.close(t) - s.close(t - 20)) / path,
              org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  private static double cov(double[] a, double[] b) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= a.length;
    mb /= b.length;
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - ma) * (b[i] - mb);
    }
    return s;
  }

  @Test
  void monotoneSeriesIsFullyEfficientAndMeanRevertingSeriesHasShortHalfLife() {
    CandleSeries.Builder up =
        CandleSeries.builder(
            io.github.mmsdk.api.Symbol.of("A", "B"), io.github.mmsdk.api.Timeframe.H1);
    CandleSeries.Builder osc =
        CandleSeries.builder(
            io.github.mmsdk.api.Symbol.of("A", "B"), io.github.mmsdk.api.Timeframe.H1);
    java.util.Random rnd = new java.util.Random(42);
    double dev = 0;
    for (int i = 0; i < 200; i++) {
      double p = 100 + i;
      up.add(i * 3_600_000L, p, p + 0.5, p - 0.5, p, 1);
      dev =
          0.7 * dev + 0.01 * rnd.nextGaussian(); // AR(1) log price: half-life ln 2 / -ln 0.7 = 1.9
      double q = 100 * Math.exp(dev);
      osc.add(i * 3_600_000L, q, q + 0.5, q - 0.5, q, 1);
    }
    CandleSeries u = up.build();
    assertThat(EfficiencyRatio.compute(u).last()).hasValue(1.0);
    assertThat(Adx.compute(u).valueOr(199, 0)).isGreaterThan(50);
    assertThat(NormalizedSlope.compute(u).valueOr(199, 0)).isGreaterThan(0.5);
    CandleSeries o = osc.build();
    assertThat(OuHalfLife.compute(o).valueOr(199, 99)).isBetween(0.5, 5.0);
    assertThat(Autocorrelation.compute(o).valueOr(199, 0)).isLessThan(0);
    // a pure two-bar oscillation has b = -2: outside (-1, 0), documented as unavailable
    CandleSeries.Builder zig =
        CandleSeries.builder(
            io.github.mmsdk.api.Symbol.of("A", "B"), io.github.mmsdk.api.Timeframe.H1);
    for (int i = 0; i < 150; i++) {
      double q = i % 2 == 0 ? 101 : 99;
      zig.add(i * 3_600_000L, q, q, q, q, 1);
    }
    assertThat(OuHalfLife.compute(zig.build()).last()).isEmpty();
    // a steadily rising log price has no reversion: +infinity, not NaN
    CandleSeries.Builder geo =
        CandleSeries.builder(
            io.github.mmsdk.api.Symbol.of("A", "B"), io.github.mmsdk.api.Timeframe.H1);
    for (int i = 0; i < 200; i++) {
      double p = 100 * Math.exp(0.0001 * i * i); // accelerating: b > 0
      geo.add(i * 3_600_000L, p, p, p, p, 1);
    }
    assertThat(OuHalfLife.compute(geo.build()).valueOr(199, 0)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void badCandlesAreRejectedWithTheirIndex() {
    for (Case c : CASES) {
      StreamingMetric m = c.streaming().get();
      m.update(10, 9, 9.5);
      m.update(10, 9, 9.5);
      assertThatThrownBy(() -> m.update(9, 10, 9.5))
          .isInstanceOf(InvalidCandleException.class)
          .extracting(e -> ((InvalidCandleException) e).index())
          .isEqualTo(2);
      assertThatThrownBy(() -> m.update(Double.NaN, 9, 9.5))
          .isInstanceOf(InvalidCandleException.class);
      assertThatThrownBy(() -> m.update(10, 0, 9.5)).isInstanceOf(InvalidCandleException.class);
      assertThatThrownBy(() -> m.update(10, 9, Double.POSITIVE_INFINITY))
          .isInstanceOf(InvalidCandleException.class);
      assertThatThrownBy(() -> m.update(Double.POSITIVE_INFINITY, 9, 9))
          .isInstanceOf(InvalidCandleException.class);
      assertThatThrownBy(() -> m.update(10, Double.POSITIVE_INFINITY, 9))
          .isInstanceOf(InvalidCandleException.class);
      assertThat(m.count()).isEqualTo(2);
    }
    assertThatThrownBy(() -> new Adx(1)).isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new BollingerBandwidth(20, 0))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> LinearRegressionSlope.compute(new double[] {1, -1}, 2))
        .isInstanceOf(InvalidCandleException.class);
  }

  @Test
  void arrayKernelsEqualStreamingForEveryWindowAndLength() {
    qt().withFixedSeed(20261123L)
        .withExamples(200)
        .forAll(longs().all(), integers().between(0, 120), integers().between(2, 30))
        .checkAssert(
            (seed, size, period) -> {
              CandleSeries s = TestData.random(seed, size, 100, 0.01);
              double[] h = s.highs();
              double[] l = s.lows();
              double[] c = s.closes();
              assertThat(Adx.compute(h, l, c, period)).isEqualTo(Adx.compute(s, period));
              assertThat(AverageTrueRange.compute(h, l, c, period))
                  .isEqualTo(AverageTrueRange.compute(s, period));
              assertThat(LinearRegressionSlope.compute(c, period))
                  .isEqualTo(LinearRegressionSlope.compute(s, period));
              assertThat(BollingerBandwidth.compute(c, period, 2))
                  .isEqualTo(BollingerBandwidth.compute(s, period, 2));
            });
  }

  @Test
  void arrayFormsEqualSeriesForms() {
    CandleSeries s = TestData.random(5, 300, 100, 0.01);
    double[] h = s.highs();
    double[] l = s.lows();
    double[] c = s.closes();
    assertThat(Adx.compute(h, l, c, 14)).isEqualTo(Adx.compute(s));
    assertThat(AverageTrueRange.compute(h, l, c, 14)).isEqualTo(AverageTrueRange.compute(s));
    assertThat(LinearRegressionSlope.compute(c, 20)).isEqualTo(LinearRegressionSlope.compute(s));
    assertThat(BollingerBandwidth.compute(c, 20, 2)).isEqualTo(BollingerBandwidth.compute(s));
    double[] out = new double[300];
    MetricSeries adx = Adx.compute(s);
    assertThat(Adx.computeInto(h, l, c, 14, out, -1)).isEqualTo(27);
    MetricSeries atr = AverageTrueRange.compute(s);
    MetricSeries slope = LinearRegressionSlope.compute(s);
    MetricSeries bw = BollingerBandwidth.compute(s);
    double[] out2 = new double[300];
    double[] out3 = new double[300];
    double[] out4 = new double[300];
    assertThat(AverageTrueRange.computeInto(h, l, c, 14, out2, -1)).isEqualTo(14);
    assertThat(LinearRegressionSlope.computeInto(c, 20, out3, -1)).isEqualTo(19);
    assertThat(BollingerBandwidth.computeInto(c, 20, 2, out4, -1)).isEqualTo(19);
    for (int i = 0; i < 300; i++) {
      assertThat(out[i]).isEqualTo(adx.valueOr(i, -1));
      assertThat(out2[i]).isEqualTo(atr.valueOr(i, -1));
      assertThat(out3[i]).isEqualTo(slope.valueOr(i, -1));
      assertThat(out4[i]).isEqualTo(bw.valueOr(i, -1));
    }
    assertThatThrownBy(() -> Adx.computeInto(h, l, c, 14, new double[3], 0))
        .isInstanceOf(InvalidConfigurationException.class);
    MetricSeries m = Adx.compute(s);
    assertThat(m.size()).isEqualTo(300);
    assertThat(m.hashCode()).isEqualTo(Adx.compute(s).hashCode());
    assertThat(m.toString()).contains("27");
    assertThatThrownBy(() -> m.value(300)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
