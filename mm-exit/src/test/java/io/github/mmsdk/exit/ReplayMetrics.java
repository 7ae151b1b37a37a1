package io.github.mmsdk.exit;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.RegimeVerdict;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * A minimal, test-side computation of the six regime metrics (definitions of ARCHITECTURE.md §3,
 * written here because mm-exit must not depend on mm-regime) and a simple vote classifier, so the
 * real-data replay can build {@code RegimeState}s. Not the SDK's regime engine: its thresholds are
 * fixed here and documented in docs/exit-strategy.md.
 */
final class ReplayMetrics {

  static final int ADX_N = 14;
  static final int ER_N = 20;
  static final int AC_N = 48;
  static final int OU_N = 100;
  static final int SLOPE_N = 20;
  static final int BB_N = 20;
  static final int BW_MEDIAN_N = 100;

  /** First index at which every metric exists. */
  static final int WARM_UP = OU_N + BW_MEDIAN_N;

  final double[] adx;
  final double[] er;
  final double[] ac;
  final double[] halfLife;
  final double[] slope;
  final double[] bandwidth;
  final double[] bandwidthRatio;
  final RegimeVerdict[] verdict;
  final double[] confidence;

  ReplayMetrics(CandleSeries s) {
    int n = s.size();
    double[] c = s.closes();
    double[] h = s.highs();
    double[] l = s.lows();
    adx = adx(h, l, c);
    double[] atr = atr(h, l, c);
    er = new double[n];
    ac = new double[n];
    halfLife = new double[n];
    slope = new double[n];
    bandwidth = new double[n];
    bandwidthRatio = new double[n];
    Arrays.fill(er, Double.NaN);
    Arrays.fill(ac, Double.NaN);
    Arrays.fill(halfLife, Double.NaN);
    Arrays.fill(slope, Double.NaN);
    Arrays.fill(bandwidth, Double.NaN);
    Arrays.fill(bandwidthRatio, Double.NaN);
    double[] r = new double[n];
    for (int i = 1; i < n; i++) {
      r[i] = Math.log(c[i]) - Math.log(c[i - 1]);
    }
    for (int t = 0; t < n; t++) {
      if (t >= ER_N) {
        double path = 0;
        for (int i = t - ER_N + 1; i <= t; i++) {
          path += Math.abs(c[i] - c[i - 1]);
        }
        er[t] = path == 0 ? Double.NaN : Math.abs(c[t] - c[t - ER_N]) / path;
      }
      if (t >= AC_N) {
        ac[t] = pearson(r, t - AC_N + 2, t);
      }
      if (t >= OU_N) {
        halfLife[t] = halfLife(c, t);
      }
      if (t >= SLOPE_N - 1 && !Double.isNaN(atr[t]) && atr[t] > 0) {
        slope[t] = linregSlope(c, t) / atr[t];
      }
      if (t >= BB_N - 1) {
        double m = 0;
        for (int i = t - BB_N + 1; i <= t; i++) {
          m += c[i];
        }
        m /= BB_N;
        double v = 0;
        for (int i = t - BB_N + 1; i <= t; i++) {
          v += (c[i] - m) * (c[i] - m);
        }
        bandwidth[t] = 4 * Math.sqrt(v / BB_N) / m;
      }
      if (t >= BB_N - 1 + BW_MEDIAN_N) {
        double[] w = Arrays.copyOfRange(bandwidth, t - BW_MEDIAN_N + 1, t + 1);
        Arrays.sort(w);
        double med = w[BW_MEDIAN_N / 2];
        bandwidthRatio[t] = med > 0 ? bandwidth[t] / med : Double.NaN;
      }
    }
    verdict = new RegimeVerdict[n];
    confidence = new double[n];
    for (int t = 0; t < n; t++) {
      int trend = 0;
      int range = 0;
      trend += adx[t] > 25 ? 1 : 0;
      range += adx[t] < 20 ? 1 : 0;
      trend += er[t] > 0.5 ? 1 : 0;
      range += er[t] < 0.3 ? 1 : 0;
      trend += ac[t] > 0.1 ? 1 : 0;
      range += ac[t] < -0.05 ? 1 : 0;
      trend += halfLife[t] > 48 ? 1 : 0;
      range += halfLife[t] < 24 ? 1 : 0;
      trend += Math.abs(slope[t]) > 0.2 ? 1 : 0;
      range += Math.abs(slope[t]) < 0.1 ? 1 : 0;
      trend += bandwidthRatio[t] > 1.5 ? 1 : 0;
      range += bandwidthRatio[t] < 1.0 ? 1 : 0;
      RegimeVerdict v;
      if (trend >= 4) {
        v = RegimeVerdict.TREND;
      } else if (trend >= 3 || (trend >= 2 && trend > range)) {
        v = RegimeVerdict.TRANSITION;
      } else if (range >= 4) {
        v = RegimeVerdict.RANGE_OK;
      } else {
        v = RegimeVerdict.RANGE_WEAK;
      }
      verdict[t] = v;
      confidence[t] = Math.min(0.95, 0.4 + 0.1 * Math.max(trend, range));
    }
  }

  /** The available metrics at {@code t}. */
  Map<MetricId, Double> metrics(int t) {
    Map<MetricId, Double> m = new EnumMap<>(MetricId.class);
    put(m, MetricId.ADX, adx[t]);
    put(m, MetricId.EFFICIENCY_RATIO, er[t]);
    put(m, MetricId.AUTOCORRELATION, ac[t]);
    put(m, MetricId.OU_HALF_LIFE, halfLife[t]);
    put(m, MetricId.NORMALIZED_SLOPE, slope[t]);
    put(m, MetricId.BOLLINGER_BANDWIDTH, bandwidth[t]);
    return m;
  }

  private static void put(Map<MetricId, Double> m, MetricId id, double v) {
    if (!Double.isNaN(v)) {
      m.put(id, v);
    }
  }

  /** Pearson correlation of the pairs (r[i-1], r[i]) for i in [from, to]. */
  private static double pearson(double[] r, int from, int to) {
    int k = to - from + 1;
    double mx = 0;
    double my = 0;
    for (int i = from; i <= to; i++) {
      mx += r[i - 1];
      my += r[i];
    }
    mx /= k;
    my /= k;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = from; i <= to; i++) {
      double dx = r[i - 1] - mx;
      double dy = r[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  private static double halfLife(double[] c, int t) {
    double mx = 0;
    double my = 0;
    for (int i = t - OU_N + 1; i <= t; i++) {
      mx += Math.log(c[i - 1]);
      my += Math.log(c[i]) - Math.log(c[i - 1]);
    }
    mx /= OU_N;
    my /= OU_N;
    double sxy = 0;
    double sxx = 0;
    for (int i = t - OU_N + 1; i <= t; i++) {
      double x = Math.log(c[i - 1]) - mx;
      sxy += x * (Math.log(c[i]) - Math.log(c[i - 1]) - my);
      sxx += x * x;
    }
    if (sxx == 0) {
      return Double.NaN;
    }
    double b = sxy / sxx;
    if (b >= 0) {
      return Double.POSITIVE_INFINITY;
    }
    return b <= -1 ? Double.NaN : -Math.log(2) / Math.log(1 + b);
  }

  private static double linregSlope(double[] c, int t) {
    double sx = 0;
    double sy = 0;
    double sxy = 0;
    double sxx = 0;
    for (int k = 0; k < SLOPE_N; k++) {
      double y = c[t - SLOPE_N + 1 + k];
      sx += k;
      sy += y;
      sxy += k * y;
      sxx += (double) k * k;
    }
    return (SLOPE_N * sxy - sx * sy) / (SLOPE_N * sxx - sx * sx);
  }

  static double[] atr(double[] h, double[] l, double[] c) {
    int n = c.length;
    double[] out = new double[n];
    Arrays.fill(out, Double.NaN);
    double sum = 0;
    for (int i = 1; i < n; i++) {
      double tr = Math.max(h[i], c[i - 1]) - Math.min(l[i], c[i - 1]);
      if (i < ADX_N) {
        sum += tr;
      } else if (i == ADX_N) {
        out[i] = (sum + tr) / ADX_N;
      } else {
        out[i] = (out[i - 1] * (ADX_N - 1) + tr) / ADX_N;
      }
    }
    return out;
  }

  static double[] adx(double[] h, double[] l, double[] c) {
    int n = c.length;
    double[] out = new double[n];
    Arrays.fill(out, Double.NaN);
    double sTr = 0;
    double sPlus = 0;
    double sMinus = 0;
    double dxSum = 0;
    double adx = Double.NaN;
    for (int i = 1; i < n; i++) {
      double up = h[i] - h[i - 1];
      double down = l[i - 1] - l[i];
      double plus = up > down && up > 0 ? up : 0;
      double minus = down > up && down > 0 ? down : 0;
      double tr = Math.max(h[i], c[i - 1]) - Math.min(l[i], c[i - 1]);
      if (i < ADX_N) {
        sTr += tr;
        sPlus += plus;
        sMinus += minus;
        continue;
      }
      sTr = sTr - sTr / ADX_N + tr;
      sPlus = sPlus - sPlus / ADX_N + plus;
      sMinus = sMinus - sMinus / ADX_N + minus;
      double pdi = sTr == 0 ? 0 : 100 * sPlus / sTr;
      double mdi = sTr == 0 ? 0 : 100 * sMinus / sTr;
      double dx = pdi + mdi == 0 ? 0 : 100 * Math.abs(pdi - mdi) / (pdi + mdi);
      int k = i - ADX_N + 1; // 1-based count of DX values
      if (k < ADX_N) {
        dxSum += dx;
      } else if (k == ADX_N) {
        adx = (dxSum + dx) / ADX_N;
        out[i] = adx;
      } else {
        adx = (adx * (ADX_N - 1) + dx) / ADX_N;
        out[i] = adx;
      }
    }
    return out;
  }
}
