package io.github.mmsdk.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InsufficientDataException;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.regime.IncrementalRegimeEngine;
import io.github.mmsdk.regime.RegimeConfig;
import io.github.mmsdk.testkit.TestClock;
import io.github.mmsdk.testkit.exchange.ReplayExchange;
import io.github.mmsdk.testkit.exchange.SimulatedExchange;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StoreReplayTest {

  private static final Symbol ETH = Symbol.parse("ETH-USDT");
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  /** Range for 60 days, then a trend for 6 days, then a range again. */
  private static final int HOURS = 80 * 24;

  private static final Instant FIRST = START.plus(Duration.ofDays(57));
  private static final int CYCLES = 12 * 24;
  private static final Instant LAST = FIRST.plus(Duration.ofHours(CYCLES - 1));

  private static RawCandleStore store;
  private static final Map<ActionRecord.Kind, Long> ACTIONS =
      new EnumMap<>(ActionRecord.Kind.class);
  private static long asked;
  private static long askedAndUnanswered;
  private static long decisions;

  /** Records cycles with the live wiring, an operator who answers and starts or stops grids. */
  @BeforeAll
  static void record() {
    store = new RawCandleStore();
    CandleSeries hourly = synthetic(HOURS, 7);
    TestClock clock = TestClock.at(FIRST);
    SimulatedExchange exchange =
        SimulatedExchange.over(ReplayExchange.builder(clock).add(hourly).build())
            .deposit("USDT", new BigDecimal("10000"))
            .build();
    MarketMaker mm = Fixtures.live().create(exchange, store, clock);
    ActionRecord.Kind[] answers = {
      ActionRecord.Kind.APPROVED, ActionRecord.Kind.DECLINED, null, ActionRecord.Kind.IGNORED
    };
    int n = 0;
    for (int h = 0; h < CYCLES; h++) {
      Instant t = FIRST.plus(Duration.ofHours(h));
      clock.set(t);
      if (h == 100) {
        clock.set(t.minus(Duration.ofMinutes(10)));
        mm.halt("alice", "exchange maintenance");
      } else if (h == 110) {
        clock.set(t.minus(Duration.ofMinutes(10)));
        mm.resume("alice", "maintenance over");
      }
      clock.set(t);
      CycleResult r = mm.runCycle(ETH, t);
      if (r.decisionId().isEmpty()) {
        continue;
      }
      decisions++;
      String id = r.decisionId().get();
      Instant later = t.plus(Duration.ofMinutes(20));
      boolean ask =
          r.recommendations().stream().anyMatch(x -> x.escalation() != Escalation.RECORD_ONLY);
      if (!ask) {
        continue;
      }
      asked++;
      ActionRecord.Kind kind = answers[n++ % answers.length];
      if (kind == null) {
        askedAndUnanswered++;
        continue;
      }
      for (Recommendation rec : r.recommendations()) {
        if (kind == ActionRecord.Kind.APPROVED
            && rec.action() == GridAction.CREATE_GRID
            && rec.proposedGrid().isPresent()
            && store.grids().stream().noneMatch(GridConfig::isRunning)) {
          GridConfig g =
              new GridConfig.Builder()
                  .from(rec.proposedGrid().get())
                  .id("grid-" + h)
                  .history(
                      java.util.List.of(
                          GridHistoryEntry.of(
                              later, GridHistoryEntry.Event.ENABLED, "alice", "approved")))
                  .build();
          store.addGrid(g);
        }
        if (rec.action() == GridAction.STOP_GRID && rec.gridId().isPresent()) {
          kind = ActionRecord.Kind.EXECUTED;
          String gridId = rec.gridId().get();
          if (store.grids().stream().anyMatch(g -> g.id().equals(gridId) && g.isRunning())) {
            mm.recordGridChange(
                gridId,
                GridHistoryEntry.of(later, GridHistoryEntry.Event.DISABLED, "alice", "stopped"));
          }
        }
      }
      mm.recordAction(
          new ActionRecord.Builder().decisionId(id).kind(kind).actor("alice").at(later).build());
      ACTIONS.merge(kind, 1L, Long::sum);
    }
    mm.close();
  }

  private static StoreReplay.Builder replay(MarketMakerFactory wiring) {
    return StoreReplay.builder().store(store).symbol(ETH).from(FIRST).to(LAST).wiring(wiring);
  }

  @Test
  void theRecordingExercisesRecommendationsGridsAndExits() {
    assertThat(decisions).isEqualTo(CYCLES);
    assertThat(asked).isPositive();
    assertThat(ACTIONS).isNotEmpty();
    assertThat(store.grids()).isNotEmpty();
    assertThat(store.decisions(ETH, FIRST, LAST.plusSeconds(1)))
        .anySatisfy(d -> assertThat(d.exits()).isNotEmpty());
  }

  @Test
  void theSameWiringReplaysEveryDecisionUnchanged() {
    // a period wider than the recording is narrowed to the decisions found
    ReplayResult r =
        replay(Fixtures.live())
            .from(FIRST.minus(Duration.ofDays(3)))
            .to(LAST.plus(Duration.ofDays(1)))
            .build()
            .run();
    assertThat(r.decisionsReplayed()).isEqualTo(decisions);
    assertThat(r.differences()).isEmpty();
    assertThat(r.unchanged()).isEqualTo(r.decisionsReplayed());
    assertThat(r.periodStart()).isEqualTo(FIRST);
    assertThat(r.periodEnd()).isEqualTo(LAST);
    assertThat(r.summary()).contains("ETH-USDT").contains(decisions + " decisions replayed");
  }

  @Test
  void aReplayStartingMidwayIsPrimedWithTheDecisionsBeforeIt() {
    Instant mid = FIRST.plus(Duration.ofDays(6)).plus(Duration.ofHours(5));
    ReplayResult r =
        StoreReplay.builder()
            .store(store)
            .symbol(ETH)
            .from(mid)
            .to(LAST)
            .wiring(Fixtures.stateless())
            .build()
            .run();
    assertThat(r.decisionsReplayed()).isEqualTo(Duration.between(mid, LAST).toHours() + 1);
    assertThat(r.differences()).isEmpty();
  }

  @Test
  void theOperatorsAnswersAreComparedWithTheRecommendations() {
    ReplayResult r = replay(Fixtures.live()).build().run();
    assertThat(r.responseCounts()).isEqualTo(ACTIONS);
    assertThat(r.unanswered()).isEqualTo(askedAndUnanswered);
    assertThat(r.operatorResponses()).hasSize((int) asked);
    assertThat(r.noLongerRecommended()).isZero();
    assertThat(r.operatorResponses())
        .allSatisfy(
            o -> {
              assertThat(o.recommended()).isNotEmpty();
              assertThat(o.escalation()).isNotEqualTo(Escalation.RECORD_ONLY);
              assertThat(o.describe()).contains(o.decisionId()).contains(o.responseName());
            });
  }

  @Test
  void aChangedEngineConfigurationShowsTheDecisionsThatComeOutDifferently() {
    RegimeConfig eager = new RegimeConfig.Builder().adxTrend(12).adxRange(8).build();
    ReplayResult r =
        replay(Fixtures.wiring(() -> new IncrementalRegimeEngine(eager))).build().run();
    assertThat(r.decisionsReplayed()).isEqualTo(decisions);
    assertThat(r.differences()).isNotEmpty();
    assertThat(r.differences())
        .anySatisfy(d -> assertThat(d.aspects()).contains(ReplayDifference.Aspect.VERDICT));
    for (ReplayDifference d : r.differences()) {
      assertThat(d.aspects()).isNotEmpty();
      assertThat(d.aspectNames()).hasSameSizeAs(d.aspects());
      assertThat(d.describe()).contains(d.decisionId());
      if (d.aspects().contains(ReplayDifference.Aspect.VERDICT)) {
        assertThat(d.replayedVerdict()).isPresent().get().isNotEqualTo(d.recordedVerdict());
      }
    }
    // an answer to a recommendation no longer made belongs to a decision that changed
    for (OperatorResponse o : r.operatorResponses()) {
      if (!o.stillRecommended()) {
        assertThat(r.differences())
            .anySatisfy(
                d -> {
                  assertThat(d.decisionId()).isEqualTo(o.decisionId());
                  assertThat(d.aspects()).contains(ReplayDifference.Aspect.RECOMMENDATION);
                });
      }
    }
  }

  @Test
  void aDecisionTheReplayCannotMakeIsADifference() {
    ReplayResult r =
        replay((exchange, s, clock) -> failingRegime(exchange, s, clock)).build().run();
    assertThat(r.differences()).hasSize(r.decisionsReplayed());
    assertThat(r.differences())
        .allSatisfy(
            d -> {
              assertThat(d.aspects()).containsExactly(ReplayDifference.Aspect.DECISION);
              assertThat(d.describe()).contains("no decision now");
            });
  }

  private static MarketMaker failingRegime(
      io.github.mmsdk.api.exchange.ExchangeInterface exchange,
      io.github.mmsdk.api.store.DecisionStore s,
      java.time.Clock clock) {
    return MarketMaker.builder()
        .exchange(exchange)
        .store(s)
        .clock(clock)
        .regimeEngine(
            in -> {
              throw new InsufficientDataException("candles", 1, 0);
            })
        .closeAdapters(false)
        .build();
  }

  @Test
  void aPeriodWithoutDecisionsReplaysNothing() {
    ReplayResult r =
        StoreReplay.builder()
            .store(store)
            .symbol(Symbol.parse("BTC-USDT"))
            .from(FIRST)
            .to(LAST)
            .wiring(Fixtures.live())
            .build()
            .run();
    assertThat(r.decisionsReplayed()).isZero();
    assertThat(r.periodStart()).isEqualTo(FIRST);
    assertThat(r.periodEnd()).isEqualTo(LAST);
    assertThat(r.differences()).isEmpty();
    assertThat(r.operatorResponses()).isEmpty();
  }

  @Test
  void aStoreWithoutRawCandlesCannotBeReplayed() {
    InMemoryDecisionStore bare = new InMemoryDecisionStore();
    for (var d : store.decisions(ETH, FIRST, FIRST.plusSeconds(1))) {
      bare.commitCycle(
          new io.github.mmsdk.api.store.CycleRecords.Builder()
              .symbol(ETH)
              .asOf(d.metadata().observedAt())
              .decision(d)
              .build());
    }
    StoreReplay r =
        StoreReplay.builder()
            .store(bare)
            .symbol(ETH)
            .from(FIRST)
            .to(LAST)
            .wiring(Fixtures.live())
            .build();
    assertThatThrownBy(r::run)
        .isInstanceOf(InsufficientDataException.class)
        .hasMessageContaining("raw 1h candles");
  }

  @Test
  void theBuilderRefusesMissingPartsAndAnEmptyPeriod() {
    assertThatThrownBy(() -> StoreReplay.builder().store(store).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> replay(Fixtures.live()).from(LAST).to(FIRST).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> replay((e, s, c) -> null).build().run())
        .isInstanceOf(InvalidConfigurationException.class);
  }

  /** Hourly candles: a range around 2000, a 6-day trend up from day 60, a range again. */
  static CandleSeries synthetic(int hours, long seed) {
    Random r = new Random(seed);
    CandleSeries.Builder b = CandleSeries.builder(ETH, Timeframe.H1, hours);
    double mean = 2000;
    double c = mean;
    for (int i = 0; i < hours; i++) {
      int day = i / 24;
      if (day >= 60 && day < 66) {
        mean *= 1.003;
      }
      double o = c;
      c = o + (mean - o) * 0.08 + o * 0.004 * r.nextGaussian();
      double h = Math.max(o, c) * (1 + 0.002 * r.nextDouble());
      double l = Math.min(o, c) * (1 - 0.002 * r.nextDouble());
      b.add(
          START.toEpochMilli() + i * Timeframe.H1.millis(), o, h, l, c, 100 + 50 * r.nextDouble());
    }
    return b.build();
  }
}
