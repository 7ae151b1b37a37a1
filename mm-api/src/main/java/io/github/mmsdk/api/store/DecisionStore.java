package io.github.mmsdk.api.store;

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
import io.github.mmsdk.api.health.HealthReporting;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The append-only record of every decision.
 *
 * <p>Guarantees, checked by {@code DecisionStoreContract} in mm-testkit: a cycle is written
 * atomically; a record once written is never changed or deleted (appending an action or evaluation
 * adds to it and leaves what was written byte for byte; any attempt to rewrite is refused with
 * {@link RecordImmutableException}); reads see every completed write. Implementations are
 * thread-safe. {@link #close()} drains: it finishes the in-flight commit and push.
 */
public interface DecisionStore extends HealthReporting, AutoCloseable {

  /**
   * Writes one cycle's records atomically.
   *
   * @param cycle the records
   * @return the id of the commit (or version) that holds them
   * @throws StoreException when nothing could be written
   */
  String commitCycle(CycleRecords cycle);

  /**
   * Appends an operator action to a decision.
   *
   * @param action the action, naming its decision
   * @return the commit id
   * @throws RecordNotFoundException when the decision does not exist
   */
  String appendAction(ActionRecord action);

  /**
   * Appends an evaluation to a decision; one per horizon.
   *
   * @param evaluation the evaluation, naming its decision
   * @return the commit id
   * @throws RecordNotFoundException when the decision does not exist
   * @throws RecordImmutableException when that horizon was already graded
   */
  String appendEvaluation(EvaluationRecord evaluation);

  /**
   * Stores a new grid configuration.
   *
   * @param grid the grid, with its history
   * @return the commit id
   * @throws RecordImmutableException when a grid with that id exists
   */
  String addGrid(GridConfig grid);

  /**
   * Appends an entry to a grid's history (a start or a stop).
   *
   * @param gridId the grid
   * @param entry the entry
   * @return the commit id
   * @throws RecordNotFoundException when the grid does not exist
   */
  String appendGridHistory(String gridId, GridHistoryEntry entry);

  /**
   * Appends a control record: an operator halt or resume, a grid command's state, a reconciliation
   * finding.
   *
   * @param record the record
   * @return the commit id
   * @throws RecordImmutableException when a record with that id exists
   */
  String appendControl(ControlRecord record);

  /**
   * The control records made in {@code [from, to)}, oldest first (by time, then by order of
   * writing).
   *
   * @param from start, inclusive
   * @param to end, exclusive
   * @return the records
   */
  List<ControlRecord> controls(Instant from, Instant to);

  /**
   * Writes one UTC day's KPI figures ({@code kpis/<YYYY-MM-DD>.yaml} in a Git store); once.
   *
   * @param day the day
   * @param figures KPI name to value, in the order to keep
   * @return the commit id
   * @throws RecordImmutableException when the day's KPIs are already stored
   */
  String writeKpis(LocalDate day, Map<String, Double> figures);

  /**
   * One UTC day's KPI figures.
   *
   * @param day the day
   * @return the figures, empty when none were written
   */
  Map<String, Double> kpis(LocalDate day);

  /**
   * One decision with its appended actions and evaluations.
   *
   * @param decisionId the id
   * @return the decision, if stored
   */
  Optional<DecisionRecord> decision(String decisionId);

  /**
   * The decisions on a pair made in {@code [from, to)}, oldest first.
   *
   * @param symbol the pair
   * @param from start, inclusive
   * @param to end, exclusive
   * @return the decisions
   */
  List<DecisionRecord> decisions(Symbol symbol, Instant from, Instant to);

  /**
   * The snapshots of a pair taken in {@code [from, to)}, oldest first.
   *
   * @param symbol the pair
   * @param from start, inclusive
   * @param to end, exclusive
   * @return the snapshots
   */
  List<MetricsSnapshot> snapshots(Symbol symbol, Instant from, Instant to);

  /**
   * The decisions with a horizon that has passed at {@code asOf} but is not yet graded.
   *
   * @param asOf the grading time
   * @return the decisions, oldest first
   */
  List<DecisionRecord> awaitingEvaluation(Instant asOf);

  /**
   * Whether the calling thread's latest write reached the store's remote, for metrics. A store that
   * pushes on commit answers after each write; the default (and a store without a remote, or a
   * write staged for a later push) answers empty.
   *
   * @return true when pushed, false when the push failed, empty when nothing was pushed
   */
  default Optional<Boolean> lastPush() {
    return Optional.empty();
  }

  /**
   * The decisions with a horizon that falls in {@code (after, asOf]} and is not yet graded: what a
   * cycle at {@code asOf} must grade when the previous one graded up to {@code after}. Stores with
   * an index answer it without scanning every open decision; the default filters {@link
   * #awaitingEvaluation(Instant)}.
   *
   * @param after the previous grading time, exclusive
   * @param asOf the grading time, inclusive
   * @return the decisions, oldest first
   */
  default List<DecisionRecord> dueForEvaluation(Instant after, Instant asOf) {
    List<DecisionRecord> out = new ArrayList<>();
    for (DecisionRecord d : awaitingEvaluation(asOf)) {
      if (d.hasUngradedHorizonDue(after, asOf)) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * The raw candles the store kept for a pair and timeframe in {@code [from, to)}, for replaying
   * its decisions; empty when it keeps none.
   *
   * @param symbol the pair
   * @param timeframe the timeframe
   * @param from start, inclusive
   * @param to end, exclusive
   * @return the candles, oldest first
   */
  default CandleSeries rawCandles(Symbol symbol, Timeframe timeframe, Instant from, Instant to) {
    return CandleSeries.empty(symbol, timeframe);
  }

  /**
   * A grid's exit-state history.
   *
   * @param symbol the pair
   * @param gridId the grid
   * @return the history, empty (NORMAL) when none was stored
   */
  ExitHistory exitHistory(Symbol symbol, String gridId);

  /** {@return every grid with its history} */
  List<GridConfig> grids();

  /** {@return the version (commit id) of the configuration in force, when versioned} */
  Optional<String> configVersion();

  /** Drains and closes. */
  @Override
  void close();
}
