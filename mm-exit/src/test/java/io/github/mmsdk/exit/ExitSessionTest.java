package io.github.mmsdk.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InsufficientDataException;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.exit.ExitState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExitSessionTest {

  @Test
  void streamsCandlesAndMatchesTheStatelessEvaluator() {
    CandleSeries path = Fixtures.flat(60, 2000);
    ExitSession s =
        ExitSession.start(
            ExitConfig.defaults(),
            Fixtures.grid(),
            ExitHistory.empty("eth-grid-1"),
            path.slice(0, 40));
    Fixtures.Driver d = new Fixtures.Driver();
    for (int i = 40; i < 60; i++) {
      Instant at = Instant.ofEpochMilli(path.closeTimeMillis(i));
      ExitState st =
          s.step(
              at, Fixtures.calmRegime(at), path.open(i), path.high(i), path.low(i), path.close(i));
      ExitAssessment streamed = s.assessment();
      ExitAssessment stateless = d.at(path, i, Fixtures.calmRegime(at));
      assertThat(st).isEqualTo(ExitState.NORMAL);
      assertThat(s.state()).isEqualTo(st);
      assertThat(s.shouldNotify()).isFalse();
      assertThat(streamed.positionRisk()).isEqualTo(stateless.positionRisk());
      assertThat(streamed.history()).isEqualTo(stateless.history());
      assertThat(streamed.message()).isEqualTo(stateless.message());
    }
    assertThat(s.history().recent()).hasSize(20);
  }

  @Test
  void assessmentNeedsAnEvaluation() {
    ExitSession s =
        ExitSession.start(
            ExitConfig.defaults(),
            Fixtures.grid(),
            ExitHistory.empty("eth-grid-1"),
            CandleSeries.empty(Fixtures.ETH, Timeframe.H1));
    assertThatThrownBy(s::assessment).isInstanceOf(InsufficientDataException.class);
    assertThatThrownBy(() -> s.evaluate(Fixtures.T0, Fixtures.calmRegime(Fixtures.T0)))
        .isInstanceOf(InsufficientDataException.class);
    s.step(Fixtures.T0, Fixtures.calmRegime(Fixtures.T0), 2000, 2001, 1999, 2000);
    assertThat(s.assessment().state()).isEqualTo(ExitState.NORMAL);
  }

  @Test
  void latestWithoutStoredDeadlineDerivesItFromSince() {
    ExitHistory h =
        new ExitHistory.Builder()
            .gridId("eth-grid-1")
            .current(ExitState.LATEST_ACCEPTABLE_EXIT)
            .since(Fixtures.T0)
            .build();
    ExitSession s =
        ExitSession.start(ExitConfig.defaults(), Fixtures.grid(), h, Fixtures.flat(30, 2000));
    Instant late = Fixtures.T0.plus(Duration.ofHours(25));
    assertThat(s.evaluate(late, Fixtures.calmRegime(late))).isEqualTo(ExitState.MANDATORY_EXIT);
  }
}
