package io.github.mmsdk.exit;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InsufficientDataException;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitCondition;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.exit.ExitObservation;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.exit.ExitTransition;
import io.github.mmsdk.api.exit.PositionRisk;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.exit.TransitionTable.Cause;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A streaming exit evaluator for one running grid: it keeps the simulated grid position, the ATR
 * and the exit-state history in primitive state and advances them one candle at a time.
 *
 * <p>{@link #step} feeds the decision candle and evaluates; on the NORMAL path (no transition, no
 * notification) it allocates nothing. {@link #assessment()} then builds the full {@link
 * ExitAssessment} of the last evaluation (that allocates). {@link DefaultExitEvaluator} is the
 * stateless, thread-safe front that builds a session per call; a host that evaluates every candle
 * keeps one session per grid instead.
 *
 * <h2>State machine</h2>
 *
 * <p>Each evaluation runs the three triggers and records an observation (time, most urgent level
 * signalled, WARNING conditions held). In order:
 *
 * <ol>
 *   <li>In LATEST_ACCEPTABLE_EXIT with its deadline passed: MANDATORY_EXIT ({@code
 *       deadline_passed}).
 *   <li>A hard condition: straight to MANDATORY_EXIT.
 *   <li>Escalation to the most urgent level {@code L} above the state that was signalled (at least
 *       {@code L}) in the last {@link ExitConfig#escalationPersistence()} evaluations, this one
 *       included; entering WARNING also needs {@link ExitConfig#minConditions()} WARNING conditions
 *       now.
 *   <li>Otherwise release to the most urgent lower state {@code T} whose rule holds: the last
 *       {@link ExitConfig#deEscalationPersistence()} evaluations signalled at most {@code T}; for
 *       {@code T} = NORMAL each held at most {@link ExitConfig#releaseConditions()} WARNING
 *       conditions (hysteresis), for {@code T} = WARNING the WARNING consensus holds now.
 * </ol>
 *
 * <p>Every transition must be an edge of the transition table (see the package documentation).
 *
 * <h2>Notifications</h2>
 *
 * <p>An escalation always notifies at once. Otherwise a state above NORMAL notifies when its rate
 * limit ({@link ExitConfig#notificationInterval}) has passed since its last notification; a
 * de-escalation notifies under the rate limit of the state it enters (NORMAL has none). Priority:
 * {@link DefaultExitEvaluator#priority(ExitState)}.
 *
 * <p>Not thread-safe.
 */
public final class ExitSession {

  private static final long NONE = Long.MIN_VALUE;
  private static final ExitState[] STATES = ExitState.values();

  private final ExitConfig config;
  private final GridConfig grid;
  private final long runningSince;
  private final WarningTrigger warning;
  private final LatestAcceptableExitTrigger latest;
  private final MandatoryExitTrigger mandatory;
  private final PositionTracker position;
  private final Signals signals = new Signals();
  private final Evaluation evaluation = new Evaluation();
  private final long[] interval = new long[STATES.length];
  private final long deadlineMillis;

  private ExitState current;
  private long since;
  private long deadline;
  private final long[] obsAt;
  private final ExitState[] obsLevel;
  private final int[] obsCount;
  private int head;
  private int size;
  private final long[] lastNotify = new long[STATES.length];
  private final List<ExitTransition> transitions;

  private long lastEval = NONE;
  private ExitState previous;
  private Cause cause;
  private boolean notify;
  private ExitTransition transition;

  private ExitSession(ExitConfig config, GridConfig grid, ExitHistory history) {
    this.config = config;
    this.grid = grid;
    this.runningSince = grid.runningSince().map(Instant::toEpochMilli).orElse(NONE);
    this.warning = new WarningTrigger(config);
    this.latest = new LatestAcceptableExitTrigger(config);
    this.mandatory = new MandatoryExitTrigger(config);
    this.position =
        new PositionTracker(
            grid, config.feeRate(), config.atrPeriod(), config.aboveGridSustainedPct());
    for (ExitState s : STATES) {
      interval[s.ordinal()] = config.notificationInterval(s).toMillis();
    }
    this.deadlineMillis = config.deadlineAfter().toMillis();
    this.current = history.current();
    this.since = history.since().map(Instant::toEpochMilli).orElse(NONE);
    this.deadline = history.deadline().map(Instant::toEpochMilli).orElse(NONE);
    if (current == ExitState.LATEST_ACCEPTABLE_EXIT && deadline == NONE) {
      deadline = since == NONE ? NONE : since + deadlineMillis;
    }
    int cap = config.recentSize();
    obsAt = new long[cap];
    obsLevel = new ExitState[cap];
    obsCount = new int[cap];
    List<ExitObservation> recent = history.recent();
    for (int i = Math.max(0, recent.size() - cap); i < recent.size(); i++) {
      ExitObservation o = recent.get(i);
      push(o.at().toEpochMilli(), o.signalled(), o.conditionsHeld());
    }
    Arrays.fill(lastNotify, NONE);
    history.lastNotification().forEach((s, t) -> lastNotify[s.ordinal()] = t.toEpochMilli());
    this.transitions = new ArrayList<>(history.transitions());
  }

  /**
   * Starts a session for a running grid and replays its price path.
   *
   * <p>Every candle of {@code path} feeds the ATR; the grid is simulated from the first candle that
   * opens at or after the grid was last enabled ({@link GridConfig#runningSince()}), or from the
   * first candle when the grid has no history, starting at that candle's open. When the grid
   * started after the last candle, the simulation starts at the next price it sees.
   *
   * @param config the thresholds
   * @param grid the running grid
   * @param history the grid's exit-state history, as stored
   * @param path closed candles of the grid's symbol, up to now (may be empty)
   * @return the session
   * @throws InvalidConfigurationException when the history belongs to another grid or the path to
   *     another symbol
   */
  public static ExitSession start(
      ExitConfig config, GridConfig grid, ExitHistory history, CandleSeries path) {
    if (!history.gridId().equals(grid.id())) {
      throw new InvalidConfigurationException(
          "exit.history.grid_id",
          "history of '" + history.gridId() + "' given for grid '" + grid.id() + "'");
    }
    if (!path.symbol().equals(grid.symbol())) {
      throw new InvalidConfigurationException(
          "exit.candles.symbol",
          "candles of " + path.symbol() + " given for a grid on " + grid.symbol());
    }
    ExitSession s = new ExitSession(config, grid, history);
    for (int i = 0; i < path.size(); i++) {
      s.feed(path.openTimeMillis(i), path.open(i), path.high(i), path.low(i), path.close(i));
    }
    return s;
  }

  private void feed(long openTime, double o, double h, double l, double c) {
    boolean simulate = runningSince == NONE || openTime >= runningSince;
    position.onCandle(o, h, l, c, simulate);
  }

  /**
   * Feeds the candle that closed at the decision time, then evaluates.
   *
   * @param asOf the decision time (the candle's close)
   * @param regime the regime at the decision time
   * @param open the candle's open
   * @param high the candle's high
   * @param low the candle's low
   * @param close the candle's close
   * @return the state after the evaluation
   * @throws io.github.mmsdk.api.InvalidCandleException when the prices are not a candle
   * @throws InvalidConfigurationException as {@link #evaluate}
   */
  public ExitState step(
      Instant asOf, RegimeState regime, double open, double high, double low, double close) {
    return step(asOf.toEpochMilli(), regime, open, high, low, close);
  }

  /**
   * As {@link #step(Instant, RegimeState, double, double, double, double)}, with the decision time
   * in epoch milliseconds: the form that allocates nothing on the NORMAL path.
   *
   * @param asOfEpochMillis the decision time in epoch milliseconds
   * @param regime the regime at the decision time
   * @param open the candle's open
   * @param high the candle's high
   * @param low the candle's low
   * @param close the candle's close
   * @return the state after the evaluation
   * @throws io.github.mmsdk.api.InvalidCandleException when the prices are not a candle
   * @throws InvalidConfigurationException as {@link #evaluate}
   */
  public ExitState step(
      long asOfEpochMillis,
      RegimeState regime,
      double open,
      double high,
      double low,
      double close) {
    position.onCandle(open, high, low, close, true);
    return evaluate(asOfEpochMillis, regime);
  }

  /**
   * Evaluates at a decision time on the price path fed so far.
   *
   * @param asOf the decision time, not before the last evaluation
   * @param regime the regime at the decision time, of the grid's symbol
   * @return the state after the evaluation
   * @throws InsufficientDataException when no candle was fed yet
   * @throws InvalidConfigurationException when the regime is of another symbol or the time runs
   *     backwards
   */
  public ExitState evaluate(Instant asOf, RegimeState regime) {
    return evaluate(asOf.toEpochMilli(), regime);
  }

  private ExitState evaluate(long now, RegimeState regime) {
    if (position.candlesSeen() == 0) {
      throw new InsufficientDataException("candles for an exit evaluation", 1, 0);
    }
    if (!regime.symbol().equals(grid.symbol())) {
      throw new InvalidConfigurationException(
          "exit.regime.symbol",
          "regime of " + regime.symbol() + " given for a grid on " + grid.symbol());
    }
    if (size > 0 && now < obsAt[index(size - 1)]) {
      throw new InvalidConfigurationException(
          "exit.as_of",
          Instant.ofEpochMilli(now)
              + " is before the last observation "
              + Instant.ofEpochMilli(obsAt[index(size - 1)]));
    }
    signals.readRegime(regime);
    position.ensureStartedAtLastClose();
    position.fill(signals);
    Evaluation e = evaluation;
    e.reset();
    boolean w = warning.evaluate(signals, e);
    boolean l = latest.evaluate(signals, e);
    boolean m = mandatory.evaluate(signals, e);
    e.signalled =
        m
            ? ExitState.MANDATORY_EXIT
            : l ? ExitState.LATEST_ACCEPTABLE_EXIT : w ? ExitState.WARNING : ExitState.NORMAL;
    decide(now);
    lastEval = now;
    return current;
  }

  private void decide(long now) {
    Evaluation e = evaluation;
    ExitState prev = current;
    ExitState next = prev;
    Cause why = null;
    if (prev == ExitState.LATEST_ACCEPTABLE_EXIT
        && deadline != NONE
        && now >= deadline
        && TransitionTable.allows(prev, ExitState.MANDATORY_EXIT, Cause.DEADLINE)) {
      next = ExitState.MANDATORY_EXIT;
      why = Cause.DEADLINE;
    } else if (e.hard && TransitionTable.allows(prev, ExitState.MANDATORY_EXIT, Cause.HARD)) {
      next = ExitState.MANDATORY_EXIT;
      why = Cause.HARD;
    } else {
      for (int k = STATES.length - 1; k > prev.ordinal(); k--) {
        ExitState target = STATES[k];
        if ((persistent(target) || (target == ExitState.LATEST_ACCEPTABLE_EXIT && e.sustained))
            && (target != ExitState.WARNING || e.warningCount() >= config.minConditions())
            && TransitionTable.allows(prev, target, Cause.PERSISTENCE)) {
          next = target;
          why = Cause.PERSISTENCE;
          break;
        }
      }
      if (why == null) {
        for (int k = prev.ordinal() - 1; k >= 0; k--) {
          ExitState target = STATES[k];
          if (TransitionTable.allows(prev, target, Cause.RELEASE) && quiet(target)) {
            next = target;
            why = Cause.RELEASE;
            break;
          }
        }
      }
    }
    previous = prev;
    cause = why;
    if (next != prev) {
      Instant at = Instant.ofEpochMilli(now);
      transition = buildTransition(at, prev, next, why);
      transitions.add(transition);
      current = next;
      since = now;
      deadline = next == ExitState.LATEST_ACCEPTABLE_EXIT ? now + deadlineMillis : NONE;
      notify = next.isAbove(prev) || elapsed(next, now);
    } else {
      transition = null;
      notify = next != ExitState.NORMAL && elapsed(next, now);
    }
    if (notify) {
      lastNotify[next.ordinal()] = now;
    }
    push(now, e.signalled, e.warningCount());
  }

  private boolean elapsed(ExitState s, long now) {
    long last = lastNotify[s.ordinal()];
    return last == NONE || now - last >= interval[s.ordinal()];
  }

  /** The current evaluation and the previous {@code n - 1} signalled at least {@code level}. */
  private boolean persistent(ExitState level) {
    if (evaluation.signalled.compareTo(level) < 0) {
      return false;
    }
    int need = config.escalationPersistence() - 1;
    if (size < need) {
      return false;
    }
    for (int k = 1; k <= need; k++) {
      if (obsLevel[index(size - k)].compareTo(level) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the state may be released to {@code target}: the current evaluation and the previous
   * {@code m - 1} signalled at most the target; releasing to NORMAL also needs at most {@code
   * releaseConditions} WARNING conditions in each, and releasing to WARNING needs the WARNING
   * consensus to hold now.
   */
  private boolean quiet(ExitState target) {
    int release = config.releaseConditions();
    Evaluation e = evaluation;
    if (!quietObservation(target, e.signalled, e.warningCount(), release)
        || (target == ExitState.WARNING && e.warningCount() < config.minConditions())) {
      return false;
    }
    int need = config.deEscalationPersistence() - 1;
    if (size < need) {
      return false;
    }
    for (int k = 1; k <= need; k++) {
      int i = index(size - k);
      if (!quietObservation(target, obsLevel[i], obsCount[i], release)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether one observation allows releasing to {@code target}: it signalled no more than the
   * target, and when the target is NORMAL, held at most {@code release} WARNING conditions.
   *
   * @param target the state released to
   * @param signalled the level the observation signalled
   * @param warnings the WARNING conditions it held
   * @param release the most WARNING conditions allowed when releasing to NORMAL
   * @return whether the observation is quiet
   */
  static boolean quietObservation(
      ExitState target, ExitState signalled, int warnings, int release) {
    return signalled.compareTo(target) <= 0 && (target != ExitState.NORMAL || warnings <= release);
  }

  private ExitTransition buildTransition(Instant at, ExitState from, ExitState to, Cause why) {
    List<ExitCondition> held = Reports.conditions(evaluation);
    List<String> reasons = new ArrayList<>();
    switch (why) {
      case DEADLINE:
        Instant d = Instant.ofEpochMilli(deadline);
        held.add(Reports.deadlinePassed(d, at));
        reasons.add("deadline " + d + " of LATEST_ACCEPTABLE_EXIT passed without an exit");
        break;
      case HARD:
        reasons.add("hard condition: straight to MANDATORY_EXIT without persistence");
        break;
      case PERSISTENCE:
        if (to == ExitState.LATEST_ACCEPTABLE_EXIT && evaluation.sustained) {
          reasons.add(
              "the close stayed above the grid for "
                  + config.aboveGridSustainedHours()
                  + " consecutive hours: the grid holds only quote, exit and re-centre");
        } else {
          reasons.add(
              to + " signalled in " + config.escalationPersistence() + " consecutive evaluations");
        }
        break;
      default:
        reasons.add(
            "quiet for "
                + config.deEscalationPersistence()
                + " consecutive evaluations: released from "
                + from
                + " to "
                + to);
        break;
    }
    for (ExitCondition c : held) {
      reasons.add(c.name() + ": " + c.description());
    }
    return new ExitTransition.Builder()
        .at(at)
        .fromState(from)
        .toState(to)
        .addAllReasons(reasons)
        .addAllConditions(held)
        .putAllMetrics(Reports.metrics(signals))
        .build();
  }

  private void push(long at, ExitState level, int count) {
    int cap = obsAt.length;
    int i;
    if (size < cap) {
      i = index(size);
      size++;
    } else {
      i = head;
      head = (head + 1) % cap;
    }
    obsAt[i] = at;
    obsLevel[i] = level;
    obsCount[i] = count;
  }

  private int index(int k) {
    return (head + k) % obsAt.length;
  }

  /** {@return the current state} */
  public ExitState state() {
    return current;
  }

  /** {@return whether the last evaluation asked to notify} */
  public boolean shouldNotify() {
    return notify;
  }

  /** {@return the history as of the last evaluation, to persist} */
  public ExitHistory history() {
    ExitHistory.Builder b = new ExitHistory.Builder().gridId(grid.id()).current(current);
    if (since != NONE) {
      b.since(Instant.ofEpochMilli(since));
    }
    if (deadline != NONE) {
      b.deadline(Instant.ofEpochMilli(deadline));
    }
    b.addAllTransitions(transitions);
    Map<ExitState, Instant> ln = new EnumMap<>(ExitState.class);
    for (ExitState s : STATES) {
      if (lastNotify[s.ordinal()] != NONE) {
        ln.put(s, Instant.ofEpochMilli(lastNotify[s.ordinal()]));
      }
    }
    b.putAllLastNotification(ln);
    for (int k = 0; k < size; k++) {
      int i = index(k);
      b.addRecent(ExitObservation.of(Instant.ofEpochMilli(obsAt[i]), obsLevel[i], obsCount[i]));
    }
    return b.build();
  }

  /**
   * The full assessment of the last evaluation.
   *
   * @return the assessment, with the history to persist
   * @throws InsufficientDataException when nothing was evaluated yet
   */
  public ExitAssessment assessment() {
    if (lastEval == NONE) {
      throw new InsufficientDataException("exit evaluations", 1, 0);
    }
    Instant asOf = Instant.ofEpochMilli(lastEval);
    List<ExitCondition> conditions =
        transition != null ? transition.conditions() : Reports.conditions(evaluation);
    Optional<Instant> dl =
        deadline == NONE || current != ExitState.LATEST_ACCEPTABLE_EXIT
            ? Optional.empty()
            : Optional.of(Instant.ofEpochMilli(deadline));
    Optional<PositionRisk> risk = position.risk();
    Map<String, String> unavailable = Reports.unavailable(signals, position);
    String message =
        Reports.message(
            config, grid, signals, previous, current, dl, conditions, risk, unavailable);
    return new ExitAssessment.Builder()
        .gridId(grid.id())
        .asOf(asOf)
        .previous(previous)
        .state(current)
        .transition(Optional.ofNullable(transition))
        .addAllConditions(conditions)
        .deadline(dl)
        .positionRisk(risk)
        .putAllUnavailableMetrics(unavailable)
        .shouldNotify(notify)
        .priority(DefaultExitEvaluator.priority(current))
        .message(message)
        .observation(ExitObservation.of(asOf, evaluation.signalled, evaluation.warningCount()))
        .history(history())
        .build();
  }

  /** {@return why the last transition happened, or {@code null}} */
  Cause lastCause() {
    return cause;
  }
}
