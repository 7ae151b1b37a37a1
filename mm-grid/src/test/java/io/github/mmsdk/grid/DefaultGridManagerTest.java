package io.github.mmsdk.grid;

import static io.github.mmsdk.grid.Fixtures.ETH;
import static io.github.mmsdk.grid.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.decision.RecommendationContext;
import io.github.mmsdk.api.decision.RecommendationType;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.regime.GateEvaluation;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultGridManagerTest {

  private final DefaultGridManager manager = new DefaultGridManager();
  private final CandleSeries recent = Fixtures.ranging(2000, 2.0, 72, T0, 1);

  private static RecommendationContext.Builder ctx(RegimeState regime) {
    RecommendationContext.Builder b = new RecommendationContext.Builder();
    b.symbol(ETH)
        .asOf(T0)
        .regime(regime)
        .balance(Fixtures.balance(10_000, 10_000))
        .marketData(Fixtures.market(2000, T0.minusSeconds(30)))
        .symbolRules(Fixtures.rules())
        .feeRates(Fixtures.fees(0.001))
        .newestCandleClose(T0);
    return b;
  }

  private static RegimeState okRegime(double confidence) {
    return Fixtures.regime(RegimeVerdict.RANGE_OK, confidence, Fixtures.gates(true, true, true));
  }

  private RecommendationInputs withCandles() {
    return new RecommendationInputs.Builder().recentCandles(recent).build();
  }

  private Recommendation only(List<Recommendation> recs) {
    assertThat(recs).hasSize(1);
    return recs.get(0);
  }

  @ParameterizedTest
  @CsvSource({
    "NORMAL, RANGE_OK, HOLD, -1",
    "NORMAL, TRANSITION, HOLD, -1",
    "NORMAL, TREND, REDUCE, 0.5",
    "WARNING, RANGE_WEAK, HOLD, -1",
    "WARNING, TRANSITION, REDUCE, 0.25",
    "WARNING, TREND, REDUCE, 0.5",
    "LATEST_ACCEPTABLE_EXIT, RANGE_OK, REDUCE, 0.5",
    "LATEST_ACCEPTABLE_EXIT, TRANSITION, REDUCE, 0.5",
    "LATEST_ACCEPTABLE_EXIT, TREND, STOP_GRID, -1",
    "MANDATORY_EXIT, RANGE_OK, STOP_GRID, -1",
    "MANDATORY_EXIT, TRANSITION, STOP_GRID, -1",
    "MANDATORY_EXIT, TREND, STOP_GRID, -1",
  })
  void grid_manage_table(
      ExitState state, RegimeVerdict verdict, GridAction expected, double fraction) {
    GridConfig running = Fixtures.runningGrid("eth-1", ETH, 2000, T0.minusSeconds(86_400));
    RecommendationContext c =
        ctx(Fixtures.regime(verdict, 0.7, null))
            .addGrids(running)
            .addExits(Fixtures.exit("eth-1", state))
            .build();
    Recommendation r = only(manager.recommend(c));
    assertThat(r.type()).isEqualTo(RecommendationType.GRID_MANAGE);
    assertThat(r.action()).isEqualTo(expected);
    assertThat(r.gridId()).contains("eth-1");
    assertThat(r.confidence()).isEqualTo(0.7);
    if (fraction > 0) {
      assertThat(r.reduceFraction()).contains(fraction);
    } else {
      assertThat(r.reduceFraction()).isEmpty();
    }
    assertThat(r.reasons()).anyMatch(s -> s.contains("exit state " + state));
    assertThat(r.reasons()).anyMatch(s -> s.contains("unrealized -12.5"));
    assertThat(r.autoExecutable()).isFalse(); // MEDIUM band
    switch (verdict) {
      case TREND:
        assertThat(r.expiresAt()).contains(T0.plus(Duration.ofMinutes(15)));
        break;
      case TRANSITION:
        assertThat(r.expiresAt()).contains(T0.plus(Duration.ofMinutes(30)));
        break;
      default:
        assertThat(r.expiresAt()).isEmpty();
    }
  }

  @Test
  void high_confidence_stop_is_auto_executable_even_while_halted() {
    GridConfig running = Fixtures.runningGrid("eth-1", ETH, 2000, T0.minusSeconds(86_400));
    RecommendationContext c =
        ctx(Fixtures.regime(RegimeVerdict.TREND, 0.9, null))
            .addGrids(running)
            .addExits(Fixtures.exit("eth-1", ExitState.MANDATORY_EXIT))
            .halted(true)
            .build();
    Recommendation r = only(manager.recommend(c));
    assertThat(r.action()).isEqualTo(GridAction.STOP_GRID);
    assertThat(r.autoExecutable()).isTrue();
    assertThat(r.escalation()).isEqualTo(Escalation.NOTIFY);
    assertThat(r.reasons()).anyMatch(s -> s.contains("halted"));
    // without an exit assessment the regime alone decides
    RecommendationContext noExit =
        ctx(Fixtures.regime(RegimeVerdict.RANGE_OK, 0.5, null)).addGrids(running).build();
    Recommendation hold = only(manager.recommend(noExit));
    assertThat(hold.action()).isEqualTo(GridAction.HOLD);
    assertThat(hold.escalation()).isEqualTo(Escalation.NOTIFY);
    assertThat(hold.reasons()).anyMatch(s -> s.contains("no exit assessment"));
  }

  @Test
  void create_grid_when_everything_allows_it_with_every_number_explained() {
    Recommendation r = only(manager.recommend(ctx(okRegime(0.85)).build(), withCandles()));
    assertThat(r.type()).isEqualTo(RecommendationType.GRID_SETUP);
    assertThat(r.action()).isEqualTo(GridAction.CREATE_GRID);
    assertThat(r.autoExecutable()).isFalse();
    assertThat(r.escalation()).isEqualTo(Escalation.REQUIRE_APPROVAL);
    assertThat(r.expiresAt()).isEmpty();
    assertThat(r.gates()).isPresent();
    assertThat(r.gridId()).contains("eth-usdt-grid-1");
    assertThat(r.vetoes()).isEmpty();
    GridConfig g = r.proposedGrid().orElseThrow();
    assertThat(g.isRunning()).isFalse();
    assertThat(g.allocation()).isEqualByComparingTo("8000"); // 10000 - 20 % reserve
    assertThat(g.lowerPrice().doubleValue()).isLessThan(2000);
    assertThat(g.upperPrice().doubleValue()).isGreaterThan(2000);
    assertThat(GridValidator.smallestStepPct(g)).isGreaterThan(0.3);
    assertThat(g.stopLossPrice()).isPresent();
    new GridValidator(GridRulesConfig.defaults())
        .validate(
            g,
            java.util.Optional.of(Fixtures.rules()),
            java.util.Optional.of(Fixtures.fees(0.001)));
    assertThat(r.reasons())
        .anyMatch(s -> s.startsWith("gate DIRECTIONAL_ENERGY_DECAY PASSED"))
        .anyMatch(s -> s.contains("deployable 8000 = available 10000 - reserve 2000"))
        .anyMatch(s -> s.contains("normal sizing"))
        .anyMatch(s -> s.startsWith("bounds: lower"))
        .anyMatch(s -> s.startsWith("step "))
        .anyMatch(s -> s.contains("geometric levels"))
        .anyMatch(s -> s.contains("never auto-executed"));
  }

  @Test
  void probationary_confidence_halves_the_allocation_and_widens_the_step() {
    GridConfig normal =
        only(manager.recommend(ctx(okRegime(0.80)).build(), withCandles()))
            .proposedGrid()
            .orElseThrow();
    Recommendation r = only(manager.recommend(ctx(okRegime(0.7999)).build(), withCandles()));
    GridConfig prob = r.proposedGrid().orElseThrow();
    assertThat(prob.allocation()).isEqualByComparingTo("4400"); // 55 % of 8000
    assertThat(prob.profitPerGridPct()).isGreaterThan(normal.profitPerGridPct());
    assertThat(r.reasons()).anyMatch(s -> s.contains("probationary grid (55 % allocation"));
    Recommendation atMin = only(manager.recommend(ctx(okRegime(0.60)).build(), withCandles()));
    assertThat(atMin.action()).isEqualTo(GridAction.CREATE_GRID);
    Recommendation below = only(manager.recommend(ctx(okRegime(0.5999)).build(), withCandles()));
    assertThat(below.action()).isEqualTo(GridAction.WAIT);
    assertThat(below.reasons()).anyMatch(s -> s.contains("below 0.60: no setup"));
    assertThat(below.vetoes()).anyMatch(s -> s.startsWith("minimum_confidence"));
  }

  @Test
  void gates_and_verdict_block_a_setup() {
    Recommendation failed =
        only(
            manager.recommend(
                ctx(Fixtures.regime(RegimeVerdict.RANGE_OK, 0.9, Fixtures.gates(true, false, true)))
                    .build(),
                withCandles()));
    assertThat(failed.action()).isEqualTo(GridAction.WAIT);
    assertThat(failed.escalation()).isEqualTo(Escalation.RECORD_ONLY);
    assertThat(failed.gates()).isPresent();
    assertThat(failed.reasons())
        .anyMatch(s -> s.contains("restart gate MEAN_REVERSION_RETURN did not pass"))
        .anyMatch(s -> s.startsWith("gate TRADABLE_VOLATILITY NOT_EVALUATED"));

    Recommendation noGates =
        only(manager.recommend(ctx(Fixtures.regime(RegimeVerdict.RANGE_OK, 0.9, null)).build()));
    assertThat(noGates.action()).isEqualTo(GridAction.WAIT);
    assertThat(noGates.reasons()).anyMatch(s -> s.contains("not evaluated"));

    Recommendation trend =
        only(
            manager.recommend(
                ctx(Fixtures.regime(RegimeVerdict.TREND, 0.9, Fixtures.gates(true, true, true)))
                    .build()));
    assertThat(trend.action()).isEqualTo(GridAction.WAIT);
    assertThat(trend.expiresAt()).contains(T0.plus(Duration.ofMinutes(15)));
    assertThat(trend.reasons()).anyMatch(s -> s.contains("verdict TREND allows no new grid"));
  }

  @Test
  void halt_stale_data_daily_loss_and_whitelist_veto_with_reasons() {
    Recommendation halted =
        only(manager.recommend(ctx(okRegime(0.9)).halted(true).build(), withCandles()));
    assertThat(halted.action()).isEqualTo(GridAction.WAIT);
    assertThat(halted.vetoes()).anyMatch(s -> s.startsWith("global_halt"));
    assertThat(halted.reasons()).contains("a CREATE_GRID was vetoed by the pre-trade checks");

    GlobalHalt op = GlobalHalt.none().halt("alice", "exchange maintenance", T0);
    Recommendation storedHalt =
        only(
            manager.recommend(
                ctx(okRegime(0.9)).build(),
                new RecommendationInputs.Builder().recentCandles(recent).halt(op).build()));
    assertThat(storedHalt.vetoes()).anyMatch(s -> s.startsWith("global_halt"));

    Recommendation stale =
        only(
            manager.recommend(
                ctx(okRegime(0.9)).newestCandleClose(T0.minus(Duration.ofHours(3))).build(),
                withCandles()));
    assertThat(stale.action()).isEqualTo(GridAction.WAIT);
    assertThat(stale.vetoes())
        .anyMatch(s -> s.startsWith("stale_data: newest candle closed 180 min ago"));

    Recommendation loss =
        only(
            manager.recommend(
                ctx(okRegime(0.9)).build(),
                new RecommendationInputs.Builder()
                    .recentCandles(recent)
                    .dailyPnl(BigDecimal.valueOf(-6000))
                    .build()));
    assertThat(loss.vetoes()).anyMatch(s -> s.startsWith("daily_loss_limit"));

    DefaultGridManager btcOnly =
        new DefaultGridManager(
            new GridRulesConfig.Builder().addSymbolWhitelist(Symbol.of("BTC", "USDT")).build());
    Recommendation wl = only(btcOnly.recommend(ctx(okRegime(0.9)).build(), withCandles()));
    assertThat(wl.vetoes()).anyMatch(s -> s.startsWith("symbol_whitelist"));
    assertThat(btcOnly.rules().symbolWhitelist()).hasSize(1);
  }

  @Test
  void cooldown_after_stop_reuses_the_stopped_grid_id() {
    GridConfig stopped =
        Fixtures.stoppedGrid("eth-7", T0.minusSeconds(86_400), T0.minusSeconds(1800));
    Recommendation r =
        only(manager.recommend(ctx(okRegime(0.9)).addGrids(stopped).build(), withCandles()));
    assertThat(r.gridId()).contains("eth-7");
    assertThat(r.action()).isEqualTo(GridAction.WAIT);
    assertThat(r.reasons()).anyMatch(s -> s.contains("cooldown AFTER_STOP of grid eth-7"));
    Recommendation later =
        only(
            manager.recommend(
                ctx(okRegime(0.9))
                    .addGrids(
                        Fixtures.stoppedGrid(
                            "eth-7", T0.minusSeconds(86_400), T0.minusSeconds(3600)))
                    .build(),
                withCandles()));
    assertThat(later.action()).isEqualTo(GridAction.CREATE_GRID);
    assertThat(later.proposedGrid().orElseThrow().id()).isEqualTo("eth-7");
  }

  @Test
  void capital_and_price_gaps_block_a_setup() {
    RecommendationContext.Builder noBalance = ctx(okRegime(0.9));
    RecommendationContext c1 =
        new RecommendationContext.Builder()
            .from(noBalance.build())
            .balance(java.util.Optional.empty())
            .build();
    assertThat(only(manager.recommend(c1, withCandles())).reasons())
        .anyMatch(s -> s.contains("balance unknown"));

    GridConfig btc = Fixtures.runningGrid("btc-1", Symbol.of("BTC", "USDT"), 1000, T0);
    Recommendation single =
        only(manager.recommend(ctx(okRegime(0.9)).addAllGrids(btc).build(), withCandles()));
    assertThat(single.action()).isEqualTo(GridAction.WAIT);
    assertThat(single.reasons()).anyMatch(s -> s.contains("SINGLE_GRID mode"));

    RecommendationContext noPrice =
        new RecommendationContext.Builder()
            .from(ctx(okRegime(0.9)).build())
            .marketData(java.util.Optional.empty())
            .build();
    assertThat(only(manager.recommend(noPrice)).reasons()).anyMatch(s -> s.contains("no price"));
    // the price may come from the candles instead; the range then from the Bollinger bandwidth
    Recommendation fromCandles = only(manager.recommend(noPrice, withCandles()));
    assertThat(fromCandles.action()).isEqualTo(GridAction.CREATE_GRID);
    Recommendation fromBandwidth = only(manager.recommend(ctx(okRegime(0.9)).build()));
    assertThat(fromBandwidth.action()).isEqualTo(GridAction.CREATE_GRID);
    assertThat(fromBandwidth.reasons()).anyMatch(s -> s.contains("Bollinger bandwidth 0.0400"));
  }

  @Test
  void multi_grid_mode_adds_a_setup_beside_a_running_grid() {
    DefaultGridManager multi =
        new DefaultGridManager(
            new GridRulesConfig.Builder()
                .capitalMode(GridRulesConfig.CapitalMode.MULTI_GRID)
                .maxGridsPerSymbol(2)
                .build());
    GridConfig running =
        Fixtures.runningGrid("eth-usdt-grid-1", ETH, 2000, T0.minusSeconds(86_400));
    List<Recommendation> recs =
        multi.recommend(
            ctx(okRegime(0.9)).addGrids(running).addAllGrids(running).build(), withCandles());
    assertThat(recs)
        .extracting(Recommendation::action)
        .containsExactly(GridAction.HOLD, GridAction.CREATE_GRID);
    assertThat(recs.get(1).gridId()).contains("eth-usdt-grid-2");
  }

  @Test
  void capital_deploying_recommendations_are_never_auto_and_need_gates_and_range() {
    RegimeVerdict[] verdicts = RegimeVerdict.values();
    qt().withFixedSeed(20261123L)
        .withExamples(150)
        .forAll(
            integers().between(0, 3),
            doubles().between(0.0, 0.95),
            integers().between(0, 7),
            booleans().all())
        .checkAssert(
            (vi, conf, gateBits, halted) -> {
              GateEvaluation gates =
                  Fixtures.gates((gateBits & 1) == 0, (gateBits & 2) == 0, (gateBits & 4) == 0);
              RegimeState regime = Fixtures.regime(verdicts[vi], conf, gates);
              for (Recommendation r :
                  manager.recommend(ctx(regime).halted(halted).build(), withCandles())) {
                if (r.action().deploysCapital()) {
                  assertThat(r.autoExecutable()).isFalse();
                  assertThat(r.escalation()).isEqualTo(Escalation.REQUIRE_APPROVAL);
                  assertThat(gates.allPassed()).isTrue();
                  assertThat(regime.verdict().isRange()).isTrue();
                  assertThat(conf).isGreaterThanOrEqualTo(0.60);
                  assertThat(halted).isFalse();
                  assertThat(r.proposedGrid().orElseThrow().allocation().doubleValue())
                      .isLessThanOrEqualTo(8000);
                } else {
                  assertThat(r.action()).isEqualTo(GridAction.WAIT);
                }
              }
            });
  }
}
