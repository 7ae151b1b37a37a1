package io.github.mmsdk.exit;

import static io.github.mmsdk.exit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InsufficientDataException;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitCondition;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.exit.ExitInput;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.exit.ExitTransition;
import io.github.mmsdk.api.exit.PositionRisk;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultExitEvaluatorTest {

  private static final CandleSeries FLAT = Fixtures.flat(400, 2000);

  private static Instant at(int i) {
    return Instant.ofEpochMilli(FLAT.closeTimeMillis(i));
  }

  /** Many WARNING conditions, no LATEST ones: verdict TRANSITION, 4h still a range. */
  private static RegimeState warningRegime(int i) {
    return Fixtures.regime(
        at(i), RegimeVerdict.TRANSITION, 0.7, RegimeVerdict.RANGE_OK, Fixtures.trending());
  }

  /** Two LATEST conditions (1h TREND with confidence, 4h TREND); price still inside the grid. */
  private static RegimeState latestRegime(int i) {
    return Fixtures.regime(
        at(i), RegimeVerdict.TREND, 0.8, RegimeVerdict.TREND, Fixtures.trending());
  }

  @Test
  void calmMarketStaysNormalAndIsQuiet() {
    Fixtures.Driver d = new Fixtures.Driver();
    for (int i = 30; i < 35; i++) {
      ExitAssessment a = d.at(FLAT, i, Fixtures.calmRegime(at(i)));
      assertThat(a.state()).isEqualTo(ExitState.NORMAL);
      assertThat(a.previous()).isEqualTo(ExitState.NORMAL);
      assertThat(a.transition()).isEmpty();
      assertThat(a.shouldNotify()).isFalse();
      assertThat(a.priority()).isEqualTo(-1);
      assertThat(a.conditions()).isEmpty();
      assertThat(a.observation().signalled()).isEqualTo(ExitState.NORMAL);
      assertThat(a.unavailableMetrics()).isEmpty();
      assertThat(a.message()).startsWith("NORMAL: eth-grid-1 (ETH-USDT)");
    }
    assertThat(d.history.recent()).hasSize(5);
    assertThat(d.history.transitions()).isEmpty();
    assertThat(d.history.lastNotification()).isEmpty();
  }

  @Test
  void warningNeedsTwoConsecutiveEvaluations() {
    Fixtures.Driver d = new Fixtures.Driver();
    ExitAssessment first = d.at(FLAT, 30, warningRegime(30));
    assertThat(first.state()).isEqualTo(ExitState.NORMAL);
    assertThat(first.observation().signalled()).isEqualTo(ExitState.WARNING);
    assertThat(first.shouldNotify()).isFalse();
    ExitAssessment second = d.at(FLAT, 31, warningRegime(31));
    assertThat(second.state()).isEqualTo(ExitState.WARNING);
    assertThat(second.shouldNotify()).isTrue();
    assertThat(second.priority()).isZero();
    ExitTransition t = second.transition().orElseThrow();
    assertThat(t.fromState()).isEqualTo(ExitState.NORMAL);
    assertThat(t.toState()).isEqualTo(ExitState.WARNING);
    assertThat(t.isEscalation()).isTrue();
    assertThat(t.conditions().stream().filter(c -> c.level() == ExitState.WARNING).count())
        .isGreaterThanOrEqualTo(2);
    assertThat(t.metrics()).containsEntry("adx", 35.0).containsKey("price");
    assertThat(t.reasons()).anyMatch(r -> r.contains("consecutive"));
    assertThat(second.message())
        .startsWith("WARNING: eth-grid-1")
        .contains("Regime: TRANSITION")
        .contains("ADX 35.00 > 25.00");
    assertThat(second.history().current()).isEqualTo(ExitState.WARNING);
    assertThat(second.history().since()).contains(at(31));
    assertThat(second.history().lastNotification()).containsEntry(ExitState.WARNING, at(31));
    assertThat(second.history().transitions()).containsExactly(t);
  }

  @Test
  void oneNoisyEvaluationDoesNotFlipTheState() {
    Fixtures.Driver d = new Fixtures.Driver();
    d.at(FLAT, 30, warningRegime(30));
    d.at(FLAT, 31, Fixtures.calmRegime(at(31)));
    ExitAssessment a = d.at(FLAT, 32, warningRegime(32));
    assertThat(a.state()).isEqualTo(ExitState.NORMAL);
  }

  @Test
  void warningRemindsOnlyAfterItsRateLimit() {
    Fixtures.Driver d = new Fixtures.Driver();
    d.at(FLAT, 30, warningRegime(30));
    assertThat(d.at(FLAT, 31, warningRegime(31)).shouldNotify()).isTrue();
    for (int i = 32; i < 35; i++) {
      assertThat(d.at(FLAT, i, warningRegime(i)).shouldNotify()).as("hour %d", i).isFalse();
    }
    ExitAssessment reminder = d.at(FLAT, 35, warningRegime(35));
    assertThat(reminder.shouldNotify()).isTrue();
    assertThat(reminder.transition()).isEmpty();
    assertThat(reminder.history().lastNotification()).containsEntry(ExitState.WARNING, at(35));
  }

  @Test
  void releaseNeedsThreeQuietEvaluations() {
    Fixtures.Driver d = new Fixtures.Driver();
    d.at(FLAT, 30, warningRegime(30));
    d.at(FLAT, 31, warningRegime(31));
    assertThat(d.at(FLAT, 32, Fixtures.calmRegime(at(32))).state()).isEqualTo(ExitState.WARNING);
    assertThat(d.at(FLAT, 33, Fixtures.calmRegime(at(33))).state()).isEqualTo(ExitState.WARNING);
    ExitAssessment released = d.at(FLAT, 34, Fixtures.calmRegime(at(34)));
    assertThat(released.state()).isEqualTo(ExitState.NORMAL);
    assertThat(released.transition().orElseThrow().isEscalation()).isFalse();
    assertThat(released.shouldNotify()).isTrue();
    assertThat(released.priority()).isEqualTo(-1);
    assertThat(released.message()).contains("Back to normal from WARNING");
  }

  @Test
  void releaseHasHysteresisOnTheConditionCount() {
    Fixtures.Driver d = new Fixtures.Driver();
    d.at(FLAT, 30, warningRegime(30));
    d.at(FLAT, 31, warningRegime(31));
    // one WARNING condition is below consensus but at the release limit: quiet
    Map<MetricId, Double> one = Fixtures.calm();
    one.put(MetricId.ADX, 30.0);
    for (int i = 32; i < 34; i++) {
      d.at(
          FLAT,
          i,
          Fixtures.regime(at(i), RegimeVerdict.RANGE_OK, 0.8, RegimeVerdict.RANGE_OK, one));
    }
    assertThat(
            d.at(
                    FLAT,
                    34,
                    Fixtures.regime(
                        at(34), RegimeVerdict.RANGE_OK, 0.8, RegimeVerdict.RANGE_OK, one))
                .state())
        .isEqualTo(ExitState.NORMAL);

    ExitConfig strict = new ExitConfig.Builder().from(Fixtures.FAST).releaseConditions(0).build();
    Fixtures.Driver s = new Fixtures.Driver(strict, Fixtures.grid());
    s.at(FLAT, 30, warningRegime(30));
    s.at(FLAT, 31, warningRegime(31));
    for (int i = 32; i < 40; i++) {
      ExitAssessment a =
          s.at(
              FLAT,
              i,
              Fixtures.regime(at(i), RegimeVerdict.RANGE_OK, 0.8, RegimeVerdict.RANGE_OK, one));
      assertThat(a.state()).isEqualTo(ExitState.WARNING);
    }
  }

  @Test
  void hardBreakoutGoesStraightToMandatory() {
    double[] closes = new double[40];
    java.util.Arrays.fill(closes, 2000);
    closes[39] = 2300;
    CandleSeries path = Fixtures.path(closes);
    Fixtures.Driver d = new Fixtures.Driver();
    d.at(path, 38, Fixtures.calmRegime(Instant.ofEpochMilli(path.closeTimeMillis(38))));
    ExitAssessment a =
        d.at(
            path,
            39,
            Fixtures.regime(
                Instant.ofEpochMilli(path.closeTimeMillis(39)),
                RegimeVerdict.TREND,
                0.9,
                RegimeVerdict.TREND,
                Fixtures.trending()));
    assertThat(a.previous()).isEqualTo(ExitState.NORMAL);
    assertThat(a.state()).isEqualTo(ExitState.MANDATORY_EXIT);
    assertThat(a.shouldNotify()).isTrue();
    assertThat(a.priority()).isEqualTo(2);
    assertThat(a.conditions()).extracting(ExitCondition::name).contains("hard_breakout");
    assertThat(a.transition().orElseThrow().reasons()).anyMatch(r -> r.startsWith("hard"));
    assertThat(a.message())
        .startsWith("MANDATORY EXIT: eth-grid-1")
        .contains("Stop the grid now")
        .contains("Regime: TREND");
  }

  @Test
  void latestCarriesItsDeadlineAndEscalatesWhenItPasses() {
    Fixtures.Driver d = new Fixtures.Driver();
    d.at(FLAT, 30, latestRegime(30));
    ExitAssessment latest = d.at(FLAT, 31, latestRegime(31));
    assertThat(latest.state()).isEqualTo(ExitState.LATEST_ACCEPTABLE_EXIT);
    Instant deadline = at(31).plus(Duration.ofHours(24));
    assertThat(latest.deadline()).contains(deadline);
    assertThat(latest.history().deadline()).contains(deadline);
    assertThat(latest.priority()).isEqualTo(1);
    assertThat(latest.message())
        .startsWith("LATEST ACCEPTABLE EXIT")
        .contains("Exit within 12 h")
        .contains(deadline.toString());
    int notified = 0;
    for (int i = 32; i < 55; i++) {
      ExitAssessment a = d.at(FLAT, i, latestRegime(i));
      assertThat(a.state()).isEqualTo(ExitState.LATEST_ACCEPTABLE_EXIT);
      notified += a.shouldNotify() ? 1 : 0;
    }
    assertThat(notified).isEqualTo(11); // every 2 h over 23 h
    ExitAssessment overdue = d.at(FLAT, 55, latestRegime(55));
    assertThat(overdue.state()).isEqualTo(ExitState.MANDATORY_EXIT);
    assertThat(overdue.deadline()).isEmpty();
    assertThat(overdue.conditions()).extracting(ExitCondition::name).contains("deadline_passed");
    assertThat(overdue.shouldNotify()).isTrue();
  }

  @Test
  void mandatoryReleasesToWarningWhileConsensusHoldsThenNormal() {
    Fixtures.Driver d = new Fixtures.Driver();
    d.history =
        new ExitHistory.Builder()
            .gridId("eth-grid-1")
            .current(ExitState.MANDATORY_EXIT)
            .since(at(20))
            .build();
    ExitState s = null;
    for (int i = 30; i < 33; i++) {
      s = d.at(FLAT, i, warningRegime(i)).state();
    }
    assertThat(s).isEqualTo(ExitState.WARNING);
    for (int i = 33; i < 36; i++) {
      s = d.at(FLAT, i, Fixtures.calmRegime(at(i))).state();
    }
    assertThat(s).isEqualTo(ExitState.NORMAL);
    assertThat(d.history.transitions())
        .extracting(ExitTransition::toState)
        .containsExactly(ExitState.WARNING, ExitState.NORMAL);
  }

  @Test
  void latestReleasesStraightToNormalWhenQuiet() {
    Fixtures.Driver d = new Fixtures.Driver();
    d.at(FLAT, 30, latestRegime(30));
    assertThat(d.at(FLAT, 31, latestRegime(31)).state())
        .isEqualTo(ExitState.LATEST_ACCEPTABLE_EXIT);
    ExitState s = null;
    for (int i = 32; i < 35; i++) {
      s = d.at(FLAT, i, Fixtures.calmRegime(at(i))).state();
    }
    assertThat(s).isEqualTo(ExitState.NORMAL);
    assertThat(d.history.deadline()).isEmpty();
  }

  @Test
  void lossLimitEscalatesWithPersistence() {
    // price falls from 2000 to 1810 inside the grid: inventory bought on the way down
    double[] closes = new double[60];
    for (int i = 0; i < 60; i++) {
      closes[i] = i < 20 ? 2000 : Math.max(1810, 2000 - (i - 19) * 10);
    }
    CandleSeries path = Fixtures.path(closes);
    ExitConfig tight =
        new ExitConfig.Builder()
            .from(Fixtures.FAST)
            .lossLimitPct(2.0)
            .unrealizedLossPct(1.0)
            .build();
    Fixtures.Driver d = new Fixtures.Driver(tight, Fixtures.grid(1800, 2200, 21, null));
    ExitAssessment a =
        d.at(path, 58, Fixtures.calmRegime(Instant.ofEpochMilli(path.closeTimeMillis(58))));
    assertThat(a.state()).isEqualTo(ExitState.NORMAL);
    assertThat(a.observation().signalled()).isEqualTo(ExitState.MANDATORY_EXIT);
    PositionRisk r = a.positionRisk().orElseThrow();
    assertThat(r.inventory().signum()).isPositive();
    assertThat(r.unrealizedPnl().signum()).isNegative();
    assertThat(r.lossAtStopLoss()).isEmpty();
    a = d.at(path, 59, Fixtures.calmRegime(Instant.ofEpochMilli(path.closeTimeMillis(59))));
    assertThat(a.state()).isEqualTo(ExitState.MANDATORY_EXIT);
    assertThat(a.conditions()).extracting(ExitCondition::name).contains("loss_limit");
  }

  @Test
  void positionRiskIsInQuoteWithStopLoss() {
    double[] closes = new double[40];
    for (int i = 0; i < 40; i++) {
      closes[i] = 2000 - i * 4;
    }
    CandleSeries path = Fixtures.path(closes);
    Fixtures.Driver d = new Fixtures.Driver();
    ExitAssessment a =
        d.at(path, 39, Fixtures.calmRegime(Instant.ofEpochMilli(path.closeTimeMillis(39))));
    PositionRisk r = a.positionRisk().orElseThrow();
    assertThat(r.inventory().signum()).isPositive();
    assertThat(r.averageEntry().doubleValue()).isBetween(1844.0, 2200.0);
    assertThat(r.lossAtStopLoss().orElseThrow().signum()).isPositive();
    assertThat(r.distanceToStopLossPct().orElseThrow())
        .isCloseTo((1844.0 - 1700) / 1844 * 100, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(a.message()).contains("Position:").contains("loss at stop-loss");
  }

  @Test
  void stopLossNearIsHard() {
    double[] closes = new double[40];
    for (int i = 0; i < 40; i++) {
      closes[i] = i < 39 ? 2000 : 1710;
    }
    CandleSeries path = Fixtures.path(closes);
    Fixtures.Driver d = new Fixtures.Driver();
    ExitAssessment a =
        d.at(path, 39, Fixtures.calmRegime(Instant.ofEpochMilli(path.closeTimeMillis(39))));
    assertThat(a.state()).isEqualTo(ExitState.MANDATORY_EXIT);
    assertThat(a.conditions()).extracting(ExitCondition::name).contains("stop_loss_near");
  }

  @Test
  void unavailableMetricsAreNamedWithTheirCause() {
    Map<MetricId, Double> m = Fixtures.calm();
    m.remove(MetricId.OU_HALF_LIFE);
    m.put(MetricId.ADX, Double.NaN);
    RegimeState r = Fixtures.regime(at(30), RegimeVerdict.RANGE_WEAK, 0.6, null, m);
    ExitAssessment a = new Fixtures.Driver().at(FLAT, 30, r);
    assertThat(a.unavailableMetrics())
        .containsEntry("ou_half_life", "needs 100 candles, had 50")
        .containsKey("adx")
        .containsKey("confirmation_4h");
    assertThat(a.message()).contains("Unavailable:").contains("ou_half_life: needs 100 candles");
  }

  @Test
  void shortPathNamesTheMissingAtr() {
    CandleSeries path = Fixtures.flat(5, 2000);
    ExitAssessment a =
        new Fixtures.Driver()
            .at(path, 4, Fixtures.calmRegime(Instant.ofEpochMilli(path.closeTimeMillis(4))));
    assertThat(a.unavailableMetrics()).containsEntry("atr", "needs 15 candles, had 5");
  }

  @Test
  void gridStartedAfterThePathStillHasAPosition() {
    CandleSeries path = Fixtures.flat(10, 2000);
    io.github.mmsdk.api.grid.GridConfig late =
        Fixtures.grid()
            .withHistoryEntry(
                io.github.mmsdk.api.grid.GridHistoryEntry.of(
                    T0.plus(Duration.ofDays(30)),
                    io.github.mmsdk.api.grid.GridHistoryEntry.Event.ENABLED,
                    "op",
                    "restart"));
    Fixtures.Driver d = new Fixtures.Driver(ExitConfig.defaults(), late);
    ExitAssessment a = d.at(path, 9, Fixtures.calmRegime(at(9)));
    assertThat(a.positionRisk()).isPresent();
  }

  @Test
  void stopLossAbovePriceLeavesPositionUnavailable() {
    CandleSeries path = Fixtures.flat(20, 1650);
    ExitAssessment a = new Fixtures.Driver().at(path, 19, Fixtures.calmRegime(at(19)));
    assertThat(a.positionRisk()).isEmpty();
    assertThat(a.unavailableMetrics()).containsKey("position");
    assertThat(a.state()).isEqualTo(ExitState.MANDATORY_EXIT); // past its stop-loss
  }

  @Test
  void recentObservationsAreBounded() {
    Fixtures.Driver d = new Fixtures.Driver();
    for (int i = 30; i < 90; i++) {
      d.at(FLAT, i, Fixtures.calmRegime(at(i)));
    }
    assertThat(d.history.recent()).hasSize(48);
    assertThat(d.history.recent().get(47).at()).isEqualTo(at(89));
  }

  @Test
  void rejectsBadInput() {
    DefaultExitEvaluator e = new DefaultExitEvaluator();
    ExitInput.Builder ok =
        new ExitInput.Builder()
            .asOf(at(30))
            .regime(Fixtures.calmRegime(at(30)))
            .grid(Fixtures.grid())
            .candles(FLAT.slice(0, 31))
            .history(ExitHistory.empty("eth-grid-1"));
    assertThat(e.evaluate(ok.build()).state()).isEqualTo(ExitState.NORMAL);
    assertThatThrownBy(() -> e.evaluate(ok.history(ExitHistory.empty("other")).build()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("exit.history.grid_id");
    ok.history(ExitHistory.empty("eth-grid-1"));
    assertThatThrownBy(
            () -> e.evaluate(ok.candles(CandleSeries.empty(Fixtures.ETH, Timeframe.H1)).build()))
        .isInstanceOf(InsufficientDataException.class);
    assertThatThrownBy(
            () ->
                e.evaluate(
                    ok.candles(CandleSeries.empty(Symbol.of("BTC", "USDT"), Timeframe.H1)).build()))
        .isInstanceOf(InsufficientDataException.class);
    ok.candles(FLAT.slice(0, 31));
    RegimeState btc =
        new RegimeState.Builder()
            .from(Fixtures.calmRegime(at(30)))
            .symbol(Symbol.of("BTC", "USDT"))
            .build();
    assertThatThrownBy(() -> e.evaluate(ok.regime(btc).build()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("exit.regime.symbol");
    ok.regime(Fixtures.calmRegime(at(30)));
    ExitHistory later = e.evaluate(ok.build()).history();
    assertThatThrownBy(() -> e.evaluate(ok.asOf(at(29)).history(later).build()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("exit.as_of");
    CandleSeries btcPath =
        CandleSeries.builder(Symbol.of("BTC", "USDT"), Timeframe.H1)
            .add(T0.toEpochMilli(), 1, 1, 1, 1, 1)
            .build();
    assertThatThrownBy(
            () ->
                e.evaluate(
                    ok.asOf(at(30))
                        .history(ExitHistory.empty("eth-grid-1"))
                        .candles(btcPath)
                        .build()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("exit.candles.symbol");
  }

  @Test
  void priorityMapping() {
    assertThat(DefaultExitEvaluator.priority(ExitState.NORMAL)).isEqualTo(-1);
    assertThat(DefaultExitEvaluator.priority(ExitState.WARNING)).isZero();
    assertThat(DefaultExitEvaluator.priority(ExitState.LATEST_ACCEPTABLE_EXIT)).isEqualTo(1);
    assertThat(DefaultExitEvaluator.priority(ExitState.MANDATORY_EXIT)).isEqualTo(2);
    assertThat(new DefaultExitEvaluator().config()).isEqualTo(ExitConfig.defaults());
  }

  @Test
  void defaultsNeedThreeConsecutiveEvaluations() {
    Fixtures.Driver d = new Fixtures.Driver(ExitConfig.defaults(), Fixtures.grid());
    assertThat(d.at(FLAT, 30, warningRegime(30)).state()).isEqualTo(ExitState.NORMAL);
    assertThat(d.at(FLAT, 31, warningRegime(31)).state()).isEqualTo(ExitState.NORMAL);
    assertThat(d.at(FLAT, 32, warningRegime(32)).state()).isEqualTo(ExitState.WARNING);
    // two LATEST conditions are not enough by default
    for (int i = 33; i < 40; i++) {
      assertThat(d.at(FLAT, i, latestRegime(i)).state()).isEqualTo(ExitState.WARNING);
    }
  }
}
