package io.github.mmsdk.api.store;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.health.HealthReporting;
import java.time.Instant;
import java.util.List;
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
