package io.github.mmsdk.benchmarks.regime;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.regime.Adx;
import io.github.mmsdk.regime.AverageTrueRange;
import io.github.mmsdk.regime.BollingerBandwidth;
import io.github.mmsdk.regime.LinearRegressionSlope;
import io.github.mmsdk.regime.MetricSeries;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.num.DoubleNum;

/**
 * Each reference-backed metric in batch over the same 21,610 hourly candles: mm-regime, the TA-Lib
 * Java port, and (for ADX) ta4j 0.17 with its default DecimalNum and with DoubleNum. One operation
 * = the whole series.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BatchMetricBenchmark {

  private final Core core = new Core();
  private CandleSeries series;
  private double[] high;
  private double[] low;
  private double[] close;
  private double[] out;
  private double[] out2;
  private double[] out3;
  private BarSeries ta4jDecimal;
  private BarSeries ta4jDouble;

  /** Loads the candles and builds the ta4j series (not measured). */
  @Setup
  public void setup() {
    series = RegimeData.hourly();
    high = series.highs();
    low = series.lows();
    close = series.closes();
    out = new double[close.length];
    out2 = new double[close.length];
    out3 = new double[close.length];
    ta4jDecimal = new BaseBarSeriesBuilder().withName("btc-decimal").build();
    ta4jDouble =
        new BaseBarSeriesBuilder().withName("btc-double").withNumTypeOf(DoubleNum.class).build();
    for (int i = 0; i < close.length; i++) {
      ZonedDateTime end =
          ZonedDateTime.ofInstant(Instant.ofEpochMilli(series.closeTimeMillis(i)), ZoneOffset.UTC);
      ta4jDecimal.addBar(end, series.open(i), high[i], low[i], close[i], series.volume(i));
      ta4jDouble.addBar(end, series.open(i), high[i], low[i], close[i], series.volume(i));
    }
  }

  /** {@return mm-regime ADX(14) over price arrays} */
  @Benchmark
  public MetricSeries adxMmsdk() {
    return Adx.compute(high, low, close, 14);
  }

  /** {@return mm-regime ADX(14) over the CandleSeries} */
  @Benchmark
  public MetricSeries adxMmsdkSeries() {
    return Adx.compute(series);
  }

  /** {@return mm-regime ADX(14) into a reused array (no allocation, like the TA-Lib call)} */
  @Benchmark
  public double[] adxMmsdkInto() {
    Adx.computeInto(high, low, close, 14, out, Double.NaN);
    return out;
  }

  /** {@return TA-Lib ADX(14)} */
  @Benchmark
  public double[] adxTalib() {
    core.adx(0, close.length - 1, high, low, close, 14, new MInteger(), new MInteger(), out);
    return out;
  }

  /**
   * ta4j ADX(14), DecimalNum (ta4j's default), every value from a fresh indicator.
   *
   * @param bh the sink
   */
  @Benchmark
  public void adxTa4jDecimal(Blackhole bh) {
    ADXIndicator adx = new ADXIndicator(ta4jDecimal, 14);
    for (int i = 0; i < close.length; i++) {
      bh.consume(adx.getValue(i));
    }
  }

  /**
   * ta4j ADX(14), DoubleNum.
   *
   * @param bh the sink
   */
  @Benchmark
  public void adxTa4jDouble(Blackhole bh) {
    ADXIndicator adx = new ADXIndicator(ta4jDouble, 14);
    for (int i = 0; i < close.length; i++) {
      bh.consume(adx.getValue(i));
    }
  }

  /** {@return mm-regime ATR(14)} */
  @Benchmark
  public MetricSeries atrMmsdk() {
    return AverageTrueRange.compute(high, low, close, 14);
  }

  /** {@return mm-regime ATR(14) into a reused array} */
  @Benchmark
  public double[] atrMmsdkInto() {
    AverageTrueRange.computeInto(high, low, close, 14, out, Double.NaN);
    return out;
  }

  /** {@return TA-Lib ATR(14)} */
  @Benchmark
  public double[] atrTalib() {
    core.atr(0, close.length - 1, high, low, close, 14, new MInteger(), new MInteger(), out);
    return out;
  }

  /** {@return mm-regime LINEARREG_SLOPE(20)} */
  @Benchmark
  public MetricSeries slopeMmsdk() {
    return LinearRegressionSlope.compute(close, 20);
  }

  /** {@return mm-regime LINEARREG_SLOPE(20) into a reused array} */
  @Benchmark
  public double[] slopeMmsdkInto() {
    LinearRegressionSlope.computeInto(close, 20, out, Double.NaN);
    return out;
  }

  /** {@return TA-Lib LINEARREG_SLOPE(20)} */
  @Benchmark
  public double[] slopeTalib() {
    core.linearRegSlope(0, close.length - 1, close, 20, new MInteger(), new MInteger(), out);
    return out;
  }

  /** {@return mm-regime Bollinger bandwidth (20, 2)} */
  @Benchmark
  public MetricSeries bbandsMmsdk() {
    return BollingerBandwidth.compute(close, 20, 2);
  }

  /** {@return mm-regime Bollinger bandwidth (20, 2) into a reused array} */
  @Benchmark
  public double[] bbandsMmsdkInto() {
    BollingerBandwidth.computeInto(close, 20, 2, out, Double.NaN);
    return out;
  }

  /** {@return TA-Lib BBANDS(20, 2, 2, SMA) plus the bandwidth division} */
  @Benchmark
  public double[] bbandsTalib() {
    MInteger beg = new MInteger();
    MInteger nb = new MInteger();
    core.bbands(0, close.length - 1, close, 20, 2, 2, MAType.Sma, beg, nb, out, out2, out3);
    for (int i = 0; i < nb.value; i++) {
      out[i] = (out[i] - out3[i]) / out2[i];
    }
    return out;
  }
}
