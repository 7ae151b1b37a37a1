package io.github.mmsdk.store.git;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.api.store.MetricsSnapshot;
import io.github.mmsdk.testkit.store.DecisionStoreContract;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Package access to the contract's record fixtures (abstract: never run as a test). */
abstract class Records extends DecisionStoreContract {
  static final Symbol ETH_USDT = ETH;
  static final Instant START = T0;

  static CycleRecords cycleAt(Symbol s, Instant t) {
    return cycle(s, t);
  }

  static DecisionRecord decisionAt(Symbol s, Instant t) {
    return decision(s, t);
  }

  static MetricsSnapshot snapshotAt(Symbol s, Instant t) {
    return snapshot(s, t);
  }

  static ExitHistory exitsOf(String grid, Instant t) {
    return exitHistory(grid, t);
  }

  static String idOf(Symbol s, Instant t) {
    return decisionId(s, t);
  }

  static ActionRecord actionOn(String id, Instant t) {
    return action(id, t);
  }

  static EvaluationRecord evaluationOf(String id, EvaluationHorizon h, Instant t) {
    return evaluation(id, h, t);
  }

  static GridConfig gridNamed(String id) {
    return grid(id);
  }

  static final int DECISION_CODES = DUE_CODES;

  static Map<Map.Entry<Symbol, Integer>, Set<EvaluationHorizon>> writeCodes(
      DecisionStore s, List<Integer> codes) {
    return writeDecisions(s, codes);
  }

  static Set<String> expectedDueOf(
      Map<Map.Entry<Symbol, Integer>, Set<EvaluationHorizon>> written,
      Instant after,
      Instant asOf) {
    return expectedDue(written, after, asOf);
  }

  static void assertDue(DecisionStore s, Instant after, Instant asOf, Set<String> ids) {
    assertDueIsTheFilterOfAwaiting(s, after, asOf, ids);
  }
}
