package io.github.mmsdk.samples.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.backtest.MarketMakerFactory;
import io.github.mmsdk.backtest.OperatorResponse;
import io.github.mmsdk.backtest.ReplayDifference;
import io.github.mmsdk.backtest.ReplayResult;
import io.github.mmsdk.backtest.StoreReplay;
import io.github.mmsdk.exit.DefaultExitEvaluator;
import io.github.mmsdk.grid.DefaultGridManager;
import io.github.mmsdk.grid.SimulatedDecisionGrader;
import io.github.mmsdk.regime.DefaultRegimeEngine;
import io.github.mmsdk.regime.RegimeConfig;
import io.github.mmsdk.store.git.GitDecisionStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StoreReplay} over a real Git store: cycles recorded by the runner's demo, operator actions
 * appended by the runner's {@code action} command, replayed from the store's own raw candles.
 */
class GitStoreReplayTest {

  private static final Symbol ETH = Symbol.parse("ETH-USDT");

  @TempDir static Path dir;
  private static Path store;
  private static List<DecisionRecord> asked;

  @BeforeAll
  static void record() {
    store = dir.resolve("store");
    assertThat(StoreCommandsTest.run("demo", "--hours", "36", "--store", store.toString()).code())
        .isZero();
    try (GitDecisionStore s = GitDecisionStore.open(store)) {
      asked =
          s.decisions(ETH, Instant.EPOCH, Runner.END_OF_TIME).stream()
              .filter(
                  d ->
                      d.recommendations().stream()
                          .anyMatch(x -> x.escalation() != Escalation.RECORD_ONLY))
              .toList();
    }
    assertThat(asked).hasSizeGreaterThanOrEqualTo(2);
    String[] kinds = {"approved", "declined"};
    for (int i = 0; i < 2; i++) {
      var r =
          StoreCommandsTest.run(
              "action",
              "--decision",
              asked.get(i).id(),
              "--kind",
              kinds[i],
              "--actor",
              "alice",
              "--store",
              store.toString());
      assertThat(r.code()).as(r.err()).isZero();
    }
  }

  private static ReplayResult replay(MarketMakerFactory wiring) {
    try (GitDecisionStore s = GitDecisionStore.open(store)) {
      return StoreReplay.builder()
          .store(s)
          .symbol(ETH)
          .from(Instant.EPOCH)
          .to(Runner.END_OF_TIME)
          .wiring(wiring)
          .build()
          .run();
    }
  }

  @Test
  void the_same_wiring_finds_no_difference_and_compares_the_operators_actions() {
    ReplayResult r = replay(Runner.wiring());
    assertThat(r.decisionsReplayed()).isEqualTo(36);
    assertThat(r.differences()).isEmpty();
    assertThat(r.responseCounts())
        .isEqualTo(Map.of(ActionRecord.Kind.APPROVED, 1L, ActionRecord.Kind.DECLINED, 1L));
    assertThat(r.unanswered()).isEqualTo(asked.size() - 2);
    assertThat(r.operatorResponses())
        .extracting(OperatorResponse::decisionId)
        .containsExactlyElementsOf(asked.stream().map(DecisionRecord::id).toList());
    assertThat(r.noLongerRecommended()).isZero();
  }

  @Test
  void a_changed_regime_configuration_shows_the_decisions_that_differ() {
    RegimeConfig strict = new RegimeConfig.Builder().adxTrend(12).adxRange(8).build();
    ReplayResult r =
        replay(
            (exchange, s, clock) ->
                MarketMaker.builder()
                    .exchange(exchange)
                    .store(s)
                    .clock(clock)
                    .regimeEngine(new DefaultRegimeEngine(strict))
                    .exitEvaluator(new DefaultExitEvaluator())
                    .gridManager(new DefaultGridManager())
                    .decisionGrader(new SimulatedDecisionGrader())
                    .closeAdapters(false)
                    .build());
    assertThat(r.differences()).isNotEmpty();
    assertThat(r.differences())
        .allSatisfy(d -> assertThat(d.aspects()).isNotEmpty())
        .anySatisfy(d -> assertThat(d.aspects()).contains(ReplayDifference.Aspect.VERDICT));
    assertThat(ReplayCommand.json(r))
        .contains("\"different\": " + r.differences().size())
        .contains("\"aspects\": [");
  }
}
