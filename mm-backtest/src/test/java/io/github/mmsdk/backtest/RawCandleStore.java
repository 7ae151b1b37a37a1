package io.github.mmsdk.backtest;

import io.github.mmsdk.api.Candle;
import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.api.store.MetricsSnapshot;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory store that, like the Git store, keeps every raw candle the cycles committed (each
 * once), so a {@link StoreReplay} can re-run its decisions without Git.
 */
final class RawCandleStore implements DecisionStore {

  private final InMemoryDecisionStore delegate = new InMemoryDecisionStore();
  private final Map<String, TreeMap<Long, Candle>> raw = new HashMap<>();

  @Override
  public synchronized String commitCycle(CycleRecords cycle) {
    String v = delegate.commitCycle(cycle);
    for (CandleSeries s : cycle.rawCandles()) {
      TreeMap<Long, Candle> m =
          raw.computeIfAbsent(s.symbol() + "/" + s.timeframe().label(), k -> new TreeMap<>());
      for (int i = 0; i < s.size(); i++) {
        m.putIfAbsent(s.openTimeMillis(i), s.candle(i));
      }
    }
    return v;
  }

  @Override
  public synchronized CandleSeries rawCandles(
      Symbol symbol, Timeframe timeframe, Instant from, Instant to) {
    TreeMap<Long, Candle> m = raw.get(symbol + "/" + timeframe.label());
    if (m == null) {
      return CandleSeries.empty(symbol, timeframe);
    }
    return CandleSeries.of(
        symbol, timeframe, m.subMap(from.toEpochMilli(), to.toEpochMilli()).values());
  }

  @Override
  public String appendAction(ActionRecord action) {
    return delegate.appendAction(action);
  }

  @Override
  public String appendEvaluation(EvaluationRecord evaluation) {
    return delegate.appendEvaluation(evaluation);
  }

  @Override
  public String addGrid(GridConfig grid) {
    return delegate.addGrid(grid);
  }

  @Override
  public String appendGridHistory(String gridId, GridHistoryEntry entry) {
    return delegate.appendGridHistory(gridId, entry);
  }

  @Override
  public String appendControl(ControlRecord record) {
    return delegate.appendControl(record);
  }

  @Override
  public List<ControlRecord> controls(Instant from, Instant to) {
    return delegate.controls(from, to);
  }

  @Override
  public String writeKpis(LocalDate day, Map<String, Double> figures) {
    return delegate.writeKpis(day, figures);
  }

  @Override
  public Map<String, Double> kpis(LocalDate day) {
    return delegate.kpis(day);
  }

  @Override
  public Optional<DecisionRecord> decision(String decisionId) {
    return delegate.decision(decisionId);
  }

  @Override
  public List<DecisionRecord> decisions(Symbol symbol, Instant from, Instant to) {
    return delegate.decisions(symbol, from, to);
  }

  @Override
  public List<MetricsSnapshot> snapshots(Symbol symbol, Instant from, Instant to) {
    return delegate.snapshots(symbol, from, to);
  }

  @Override
  public List<DecisionRecord> awaitingEvaluation(Instant asOf) {
    return delegate.awaitingEvaluation(asOf);
  }

  @Override
  public List<DecisionRecord> dueForEvaluation(Instant after, Instant asOf) {
    return delegate.dueForEvaluation(after, asOf);
  }

  @Override
  public ExitHistory exitHistory(Symbol symbol, String gridId) {
    return delegate.exitHistory(symbol, gridId);
  }

  @Override
  public List<GridConfig> grids() {
    return delegate.grids();
  }

  @Override
  public Optional<String> configVersion() {
    return delegate.configVersion();
  }

  @Override
  public Health health() {
    return delegate.health();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
