package io.github.mmsdk.exit;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.exit.ExitTransition;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.TimeframeView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays a 1h series hour by hour through {@link ExitSession}: a grid fitted on the preceding week
 * (min low to max high of the last 168 candles, 20 arithmetic cells, stop-loss 4 % under the lower
 * bound, 1,000 USDT) runs until the engine says MANDATORY_EXIT; a new one is fitted on the
 * preceding week at the first hour whose test-side 1h verdict is a range (at least one hour after
 * the stop: the seed's 60-minute cooldown); a grid still NORMAL after 7 days is refitted.
 */
final class ExitReplay {

  static final int WEEK = 168;
  static final long HOUR = 3_600_000L;

  /** A transition seen in the replay. */
  record Event(long at, ExitState from, ExitState to, List<String> conditions) {}

  /** An exit signal (a transition into LATEST or MANDATORY from below) and its outcome. */
  record Exit(long at, ExitState to, boolean insideAt24h, boolean insideWithin24h) {}

  /** One of the largest 24 h moves and the warning before it. */
  record Move(long start, double pct, Integer leadHours, boolean gridRunning) {}

  /** Everything a replay found. */
  static final class Result {
    final String symbol;
    final List<Event> events = new ArrayList<>();
    final List<Exit> exits = new ArrayList<>();
    ExitState[] stateAt;
    int grids;
    int stops;

    Result(String symbol) {
      this.symbol = symbol;
    }

    List<Exit> exits(long from, long to) {
      return exits.stream().filter(e -> e.at() >= from && e.at() < to).toList();
    }

    Map<String, Integer> edges(long from, long to) {
      Map<String, Integer> m = new TreeMap<>();
      for (Event e : events) {
        if (e.at() >= from && e.at() < to) {
          m.merge(e.from() + " -> " + e.to(), 1, Integer::sum);
        }
      }
      return m;
    }
  }

  private final CandleSeries h1;
  private final CandleSeries h4;
  private final ReplayMetrics m1;
  private final ReplayMetrics m4;

  ExitReplay(CandleSeries h1, CandleSeries h4) {
    this.h1 = h1;
    this.h4 = h4;
    this.m1 = new ReplayMetrics(h1);
    this.m4 = new ReplayMetrics(h4);
  }

  CandleSeries series() {
    return h1;
  }

  /** The first 1h index at which the 1h and 4h metrics are all warm. */
  int firstIndex() {
    int i = ReplayMetrics.WARM_UP;
    while (i < h1.size() && fourHourIndex(i) < ReplayMetrics.WARM_UP) {
      i++;
    }
    return i;
  }

  /** The index of the last 4h candle closed at the close of 1h candle {@code t}, or -1. */
  int fourHourIndex(int t) {
    long close = h1.closeTimeMillis(t);
    long open4 = Timeframe.H4.floorMillis(close) - Timeframe.H4.millis();
    return h4.indexOf(open4);
  }

  RegimeState regime(int t) {
    Instant asOf = Instant.ofEpochMilli(h1.closeTimeMillis(t));
    RegimeState.Builder b =
        new RegimeState.Builder()
            .symbol(h1.symbol())
            .asOf(asOf)
            .verdict(m1.verdict[t])
            .confidence(m1.confidence[t])
            .putAllMetrics(m1.metrics(t));
    int j = fourHourIndex(t);
    if (j >= 0) {
      b.confirmation(
          new TimeframeView.Builder()
              .timeframe(Timeframe.H4)
              .verdict(m4.verdict[j])
              .putAllMetrics(m4.metrics(j))
              .build());
    }
    return b.build();
  }

  private GridConfig fit(int t, int n) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (int i = t - WEEK + 1; i <= t; i++) {
      lo = Math.min(lo, h1.low(i));
      hi = Math.max(hi, h1.high(i));
    }
    Instant start = Instant.ofEpochMilli(h1.closeTimeMillis(t));
    return new GridConfig.Builder()
        .id(h1.symbol().base().toLowerCase(java.util.Locale.ROOT) + "-grid-" + n)
        .symbol(h1.symbol())
        .lowerPrice(decimal(lo))
        .upperPrice(decimal(hi))
        .levels(21)
        .amountPerGrid(BigDecimal.valueOf(50))
        .profitPerGridPct(100.0 * (hi - lo) / 20 / lo)
        .stopLossPrice(decimal(lo * 0.96))
        .allocation(BigDecimal.valueOf(1000))
        .addHistory(
            GridHistoryEntry.of(start, GridHistoryEntry.Event.ENABLED, "replay", "weekly fit"))
        .build();
  }

  private static BigDecimal decimal(double v) {
    return BigDecimal.valueOf(v).setScale(8, RoundingMode.HALF_EVEN);
  }

  /** Replays candles {@code [from, to)} with a configuration. */
  Result run(ExitConfig config, int from, int to) {
    Result r = new Result(h1.symbol().toString());
    r.stateAt = new ExitState[h1.size()];
    ExitSession session = null;
    GridConfig grid = null;
    long gridStart = 0;
    int cooldownUntil = from;
    for (int t = from; t < to; t++) {
      long close = h1.closeTimeMillis(t);
      if (session == null) {
        if (t >= cooldownUntil && m1.verdict[t].isRange()) {
          grid = fit(t, ++r.grids);
          gridStart = close;
          session =
              ExitSession.start(
                  config, grid, ExitHistory.empty(grid.id()), h1.slice(t - WEEK, t + 1));
        }
        continue;
      }
      ExitState before = session.state();
      ExitState st =
          session.step(
              Instant.ofEpochMilli(close),
              regime(t),
              h1.open(t),
              h1.high(t),
              h1.low(t),
              h1.close(t));
      r.stateAt[t] = st;
      if (st != before) {
        ExitAssessment a = session.assessment();
        ExitTransition tr = a.transition().orElseThrow();
        r.events.add(
            new Event(
                close,
                tr.fromState(),
                tr.toState(),
                tr.conditions().stream().map(c -> c.name()).toList()));
        if (st.isAbove(ExitState.WARNING) && !before.isAbove(ExitState.WARNING)) {
          r.exits.add(judge(t, st, grid));
        }
      }
      if (st == ExitState.MANDATORY_EXIT) {
        session = null;
        r.stops++;
        cooldownUntil = t + 1;
      } else if (st == ExitState.NORMAL && close - gridStart >= Duration.ofDays(7).toMillis()) {
        grid = fit(t, ++r.grids);
        gridStart = close;
        session =
            ExitSession.start(
                config, grid, ExitHistory.empty(grid.id()), h1.slice(t - WEEK, t + 1));
      }
    }
    return r;
  }

  private Exit judge(int t, ExitState to, GridConfig grid) {
    double lo = grid.lowerPrice().doubleValue();
    double hi = grid.upperPrice().doubleValue();
    int end = Math.min(h1.size() - 1, t + 24);
    boolean within = false;
    for (int k = t + 1; k <= end; k++) {
      double c = h1.close(k);
      within |= c >= lo && c <= hi;
    }
    double c24 = h1.close(end);
    return new Exit(h1.closeTimeMillis(t), to, c24 >= lo && c24 <= hi, within);
  }

  /** The {@code count} largest non-overlapping 24 h moves with start close in [from, to). */
  List<Move> largestMoves(Result r, int from, int to, int count) {
    Integer[] idx = new Integer[Math.max(0, Math.min(to, h1.size() - 24) - from)];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = from + i;
    }
    Arrays.sort(idx, Comparator.comparingDouble((Integer t) -> -Math.abs(pct(t))));
    List<Move> out = new ArrayList<>();
    List<Integer> taken = new ArrayList<>();
    for (int t : idx) {
      if (out.size() == count) {
        break;
      }
      if (taken.stream().anyMatch(u -> Math.abs(u - t) < 48)) {
        continue;
      }
      taken.add(t);
      out.add(new Move(h1.closeTimeMillis(t), pct(t), lead(r, t), r.stateAt[t] != null));
    }
    return out;
  }

  private double pct(int t) {
    return (h1.close(t + 24) / h1.close(t) - 1) * 100;
  }

  /**
   * Hours between the start of the WARNING-or-higher spell in force at the move's start and the
   * start; negative when the first WARNING came during the move; {@code null} when none did.
   */
  private static Integer lead(Result r, int t) {
    ExitState[] s = r.stateAt;
    if (s[t] != null && s[t] != ExitState.NORMAL) {
      int e = t;
      while (e - 1 >= 0 && s[e - 1] != null && s[e - 1] != ExitState.NORMAL) {
        e--;
      }
      return t - e;
    }
    for (int k = t + 1; k <= Math.min(s.length - 1, t + 24); k++) {
      if (s[k] != null && s[k] != ExitState.NORMAL) {
        return t - k;
      }
    }
    return null;
  }

  int indexAtOrAfter(Instant t) {
    int i = 0;
    while (i < h1.size() && h1.closeTimeMillis(i) < t.toEpochMilli()) {
      i++;
    }
    return i;
  }
}
