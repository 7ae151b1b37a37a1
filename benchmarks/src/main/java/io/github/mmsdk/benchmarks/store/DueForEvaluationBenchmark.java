package io.github.mmsdk.benchmarks.store;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.testkit.store.DecisionStoreContract;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A backtest cycle's grading question to the in-memory store: which decisions became due in the
 * last hour. {@code index} asks {@link InMemoryDecisionStore#dueForEvaluation} (a due-time index,
 * O(log n + k)); {@code scan} runs what the store did before the index, as the reference: walk
 * every decision not yet graded at all horizons (about a week of them, as a backtest leaves them)
 * computing each horizon's due time and looking for its evaluation. The store holds {@code days} of
 * hourly decisions of one pair, graded up to the hour before. One operation = one question.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DueForEvaluationBenchmark {

  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  /** The implementation asked. */
  @Param({"index", "scan"})
  public String impl;

  /** How many days of hourly decisions the store holds. */
  @Param({"30", "365"})
  public int days;

  private DecisionStore store;
  private List<DecisionRecord> open;
  private Instant after;
  private Instant asOf;

  /** The contract's record fixtures, reachable from here. */
  abstract static class Fixtures extends DecisionStoreContract {
    static CycleRecords cycleAt(Symbol s, Instant t) {
      return cycle(s, t);
    }

    static EvaluationRecord evaluationOf(String id, EvaluationHorizon h, Instant t) {
      return evaluation(id, h, t);
    }
  }

  /** Fills the store the way an hourly backtest with grading leaves it. */
  @Setup
  public void fill() {
    Symbol eth = Symbol.of("ETH", "USDT");
    InMemoryDecisionStore s = new InMemoryDecisionStore();
    int hours = days * 24;
    Instant previous = T0.minus(Duration.ofHours(1));
    for (int i = 0; i < hours; i++) {
      Instant t = T0.plus(Duration.ofHours(i));
      s.commitCycle(Fixtures.cycleAt(eth, t));
      for (DecisionRecord d : s.dueForEvaluation(previous, t)) {
        for (EvaluationHorizon h : EvaluationHorizon.values()) {
          Instant due = d.metadata().observedAt().plus(h.after());
          if (due.isAfter(previous) && !due.isAfter(t)) {
            s.appendEvaluation(Fixtures.evaluationOf(d.id(), h, t));
          }
        }
      }
      previous = t;
    }
    store = s;
    after = previous;
    asOf = previous.plus(Duration.ofHours(1));
    s.commitCycle(Fixtures.cycleAt(eth, asOf));
    open = new ArrayList<>();
    for (DecisionRecord d : s.decisions(eth, T0, asOf.plusSeconds(1))) {
      if (d.evaluations().size() < EvaluationHorizon.values().length) {
        open.add(d);
      }
    }
  }

  /**
   * The question of one cycle.
   *
   * @return the due decisions
   */
  @Benchmark
  public List<DecisionRecord> due() {
    return impl.equals("index") ? store.dueForEvaluation(after, asOf) : scan();
  }

  /** The pre-index algorithm: every open decision, every horizon, a search for its grade. */
  private List<DecisionRecord> scan() {
    List<DecisionRecord> out = new ArrayList<>();
    for (DecisionRecord d : open) {
      Instant t = d.metadata().observedAt();
      if (t.plus(EvaluationHorizon.H24.after()).isAfter(asOf)) {
        break;
      }
      for (EvaluationHorizon h : EvaluationHorizon.values()) {
        Instant due = t.plus(h.after());
        if (due.isAfter(after) && !due.isAfter(asOf) && !graded(d, h)) {
          out.add(d);
          break;
        }
      }
    }
    return out;
  }

  private static boolean graded(DecisionRecord d, EvaluationHorizon h) {
    for (EvaluationRecord e : d.evaluations()) {
      if (e.horizon() == h) {
        return true;
      }
    }
    return false;
  }
}
