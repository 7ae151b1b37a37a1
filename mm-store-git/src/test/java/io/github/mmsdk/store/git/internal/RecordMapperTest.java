package io.github.mmsdk.store.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.decision.RecommendationType;
import io.github.mmsdk.api.decision.RecordMetadata;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitCondition;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.exit.ExitObservation;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.exit.ExitTransition;
import io.github.mmsdk.api.exit.PositionRisk;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.notify.DeadLetter;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.api.regime.ConfidencePenalty;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.MetricVote;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.api.regime.TimeframeView;
import io.github.mmsdk.api.regime.Vote;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordMapperTest {
  private static final Symbol ETH = Symbol.of("ETH", "USDT");
  private static final Instant T = Instant.parse("2026-02-02T14:00:00Z");

  static RegimeState regime(double adx, double confidence, String reason) {
    return new RegimeState.Builder()
        .symbol(ETH)
        .asOf(T)
        .timeframe(Timeframe.H1)
        .verdict(RegimeVerdict.TRANSITION)
        .confidence(confidence)
        .putMetric(MetricId.ADX, adx)
        .putMetric(MetricId.OU_HALF_LIFE, Double.POSITIVE_INFINITY)
        .addVote(MetricVote.of(MetricId.ADX, adx, Vote.NEUTRAL, reason))
        .confirmation(
            new TimeframeView.Builder()
                .timeframe(Timeframe.H4)
                .verdict(RegimeVerdict.TREND)
                .putMetric(MetricId.ADX, adx + 1)
                .build())
        .addPenalty(ConfidencePenalty.of("recent_change", 0.1, "changed 12h ago"))
        .addReason(reason)
        .build();
  }

  static ExitAssessment assessment() {
    ExitHistory h =
        new ExitHistory.Builder()
            .gridId("g1")
            .current(ExitState.MANDATORY_EXIT)
            .since(T)
            .deadline(T.plusSeconds(3600))
            .addTransition(
                new ExitTransition.Builder()
                    .at(T)
                    .fromState(ExitState.WARNING)
                    .toState(ExitState.MANDATORY_EXIT)
                    .addReason("stop loss near")
                    .build())
            .putLastNotification(ExitState.MANDATORY_EXIT, T)
            .build();
    return new ExitAssessment.Builder()
        .gridId("g1")
        .asOf(T)
        .previous(ExitState.WARNING)
        .state(ExitState.MANDATORY_EXIT)
        .transition(h.transitions().get(0))
        .addCondition(ExitCondition.of("sl", ExitState.MANDATORY_EXIT, 1.0, 2.0, "near stop"))
        .deadline(T.plusSeconds(3600))
        .positionRisk(
            new PositionRisk.Builder()
                .inventory(new BigDecimal("0.5"))
                .averageEntry(new BigDecimal("2500.00"))
                .unrealizedPnl(new BigDecimal("-10.5"))
                .realizedProfit(new BigDecimal("3"))
                .lossAtStopLoss(new BigDecimal("-50"))
                .distanceToStopLossPct(1.5)
                .build())
        .putUnavailableMetric("hurst", "too short")
        .shouldNotify(true)
        .priority(2)
        .message("exit now")
        .observation(ExitObservation.of(T, ExitState.MANDATORY_EXIT, 2))
        .history(h)
        .build();
  }

  static GridConfig grid() {
    return new GridConfig.Builder()
        .id("g1")
        .symbol(ETH)
        .lowerPrice(new BigDecimal("2000"))
        .upperPrice(new BigDecimal("3000.5"))
        .levels(10)
        .amountPerGrid(new BigDecimal("10"))
        .profitPerGridPct(0.5)
        .takeProfitPrice(new BigDecimal("3500"))
        .allocation(new BigDecimal("100"))
        .addHistory(
            new GridHistoryEntry.Builder()
                .at(T)
                .event(GridHistoryEntry.Event.ENABLED)
                .reason("r")
                .decisionId("dec-1")
                .build())
        .build();
  }

  static DecisionRecord decision(double adx, BigDecimal price, String text) {
    return new DecisionRecord.Builder()
        .metadata(
            new RecordMetadata.Builder()
                .recordId("dec-1")
                .venue("kucoin")
                .observedAt(T)
                .recordedAt(T)
                .libraryVersion("1")
                .build())
        .symbol(ETH)
        .regime(regime(adx, 0.5, text))
        .addExit(assessment())
        .addRecommendation(
            new Recommendation.Builder()
                .type(RecommendationType.GRID_SETUP)
                .action(GridAction.CREATE_GRID)
                .symbol(ETH)
                .confidence(0.7)
                .proposedGrid(grid())
                .escalation(Escalation.REQUIRE_APPROVAL)
                .addVetoes(text)
                .build())
        .addRecommendation(
            new Recommendation.Builder()
                .type(RecommendationType.GRID_MANAGE)
                .action(GridAction.REDUCE)
                .symbol(ETH)
                .confidence(0.7)
                .reduceFraction(0.5)
                .escalation(Escalation.NOTIFY)
                .build())
        .addIncompleteReason("no balance")
        .addAction(
            new ActionRecord.Builder()
                .decisionId("dec-1")
                .kind(ActionRecord.Kind.APPROVED)
                .actor("op")
                .at(T)
                .executedPrice(price)
                .build())
        .addEvaluation(
            new EvaluationRecord.Builder()
                .decisionId("dec-1")
                .horizon(EvaluationHorizon.D7)
                .evaluatedAt(T)
                .priceAtDecision(price)
                .priceAtHorizon(price.add(BigDecimal.ONE))
                .economicImpactUsd(price.negate())
                .outcome(EvaluationRecord.Outcome.NEUTRAL)
                .putDetail("x", adx)
                .build())
        .build();
  }

  static DecisionRecord roundTrip(DecisionRecord d) throws Exception {
    List<com.fasterxml.jackson.databind.node.ObjectNode> entries = new java.util.ArrayList<>();
    d.actions().forEach(a -> entries.add(wrap("action", RecordMapper.action(a))));
    d.evaluations().forEach(e -> entries.add(wrap("evaluation", RecordMapper.evaluation(e))));
    byte[] bytes =
        AppendOnly.create(WireSchema.DECISION, RecordMapper.decisionBody(d), "appended", entries);
    return RecordMapper.decision(WireSchema.DECISION.migrate(Yaml.read(bytes)));
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode wrap(
      String k, com.fasterxml.jackson.databind.node.ObjectNode v) {
    com.fasterxml.jackson.databind.node.ObjectNode o = Yaml.object();
    o.set(k, v);
    return o;
  }

  @Test
  void decisions_round_trip_for_any_numbers_and_text() {
    qt().withFixedSeed(20261123L)
        .withExamples(150)
        .forAll(
            doubles().between(-1e12, 1e12),
            longs().between(-999_999_999_999L, 999_999_999_999L),
            integers().between(0, 8),
            strings().basicLatinAlphabet().ofLengthBetween(0, 40))
        .checkAssert(
            (adx, unscaled, scale, text) -> {
              DecisionRecord d = decision(adx, BigDecimal.valueOf(unscaled, scale), text);
              try {
                assertThat(roundTrip(d)).isEqualTo(d);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void snapshots_round_trip() throws Exception {
    DecisionRecord d = decision(12.5, new BigDecimal("1.10"), "x");
    io.github.mmsdk.api.store.MetricsSnapshot s =
        new io.github.mmsdk.api.store.MetricsSnapshot.Builder()
            .metadata(d.metadata())
            .symbol(ETH)
            .regime(d.regime())
            .addExit(assessment())
            .putAllGridStatus(Map.of("g1", "stopped"))
            .build();
    byte[] bytes = AppendOnly.create(WireSchema.METRICS, RecordMapper.snapshot(s));
    assertThat(RecordMapper.snapshot(WireSchema.METRICS.migrate(Yaml.read(bytes)))).isEqualTo(s);
  }

  @Test
  void dead_letters_round_trip() throws Exception {
    Notification n =
        new Notification.Builder()
            .id("n1")
            .kind(Notification.Kind.RECOVERY)
            .priority(NotificationPriority.LOW)
            .title("t")
            .message("m")
            .createdAt(T)
            .build();
    DeliveryReport inner =
        new DeliveryReport.Builder()
            .notificationId("n1")
            .channel("webhook")
            .status(DeliveryReport.Status.FAILED)
            .attempts(1)
            .at(T)
            .receipt("r")
            .build();
    DeliveryReport r =
        new DeliveryReport.Builder()
            .notificationId("n1")
            .channel("composite")
            .status(DeliveryReport.Status.DEAD_LETTERED)
            .attempts(2)
            .at(T)
            .addChannel(inner)
            .build();
    com.fasterxml.jackson.databind.node.ObjectNode body = Yaml.object();
    body.set("notification", RecordMapper.notification(n));
    body.put("since", T.toString());
    byte[] bytes =
        AppendOnly.create(
            WireSchema.DEAD_LETTER, body, "attempts", List.of(RecordMapper.attempt(r, false)));
    Map.Entry<DeadLetter, Boolean> dl =
        RecordMapper.deadLetter(WireSchema.DEAD_LETTER.migrate(Yaml.read(bytes)));
    assertThat(dl.getValue()).isFalse();
    assertThat(dl.getKey().notification()).isEqualTo(n);
    assertThat(dl.getKey().attempts()).containsExactly(r);
  }

  @Test
  void schema_errors_name_the_path() throws Exception {
    JsonNode noVersion = Yaml.read("a: 1\n".getBytes());
    assertThatThrownBy(() -> WireSchema.METRICS.migrate(noVersion))
        .isInstanceOf(WireException.class)
        .hasMessageContaining("schema_version");
    assertThatThrownBy(() -> WireSchema.METRICS.migrate(Yaml.read("- 1\n".getBytes())))
        .isInstanceOf(WireException.class);
    JsonNode bad = Yaml.read("schema_version: 1\nmetadata:\n  record_id: x\n".getBytes());
    assertThatThrownBy(() -> RecordMapper.snapshot(bad))
        .isInstanceOfSatisfying(
            WireException.class, e -> assertThat(e.path()).isEqualTo("metadata.venue"));
    JsonNode badEnum =
        Yaml.read(
            ("schema_version: 1\nid: g\nsymbol: ETH-USDT\nlower_price: 1\nupper_price: 2\n"
                    + "levels: 3\namount_per_grid: x\nprofit_per_grid_pct: 1\nallocation: 1\n")
                .getBytes());
    assertThatThrownBy(() -> RecordMapper.grid(badEnum))
        .isInstanceOfSatisfying(
            WireException.class, e -> assertThat(e.path()).isEqualTo("amount_per_grid"));
    assertThat(Yaml.lineOf("a:\n  b:\n    c: 1\n".getBytes(), "a.b.c.d")).isEqualTo(3);
    assertThat(Yaml.lineOf("a:\n- x: 1\n- y: 2\n".getBytes(), "a[1].y")).isEqualTo(3);
    assertThat(Yaml.lineOf("a: 1\n".getBytes(), "zzz")).isZero();
  }

  @Test
  void lenient_scalars_are_read() throws Exception {
    In in =
        new In(
            Yaml.read(
                ("a: '1.5'\nb: '.inf'\nc: '-.inf'\nd: '.nan'\ne: 'true'\nf: 'no'\ng: '12'\nh: x\n"
                        + "i: -Infinity\n")
                    .getBytes()),
            "");
    assertThat(in.dbl("a")).isEqualTo(1.5);
    assertThat(in.dbl("b")).isInfinite();
    assertThat(in.dbl("c")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(in.dbl("d")).isNaN();
    assertThat(in.dbl("i")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(in.bool("e", false)).isTrue();
    assertThat(in.integer("g")).isEqualTo(12);
    assertThatThrownBy(() -> in.integer("h")).isInstanceOf(WireException.class);
    assertThatThrownBy(() -> in.dbl("h")).isInstanceOf(WireException.class);
    assertThatThrownBy(() -> in.dec("h")).isInstanceOf(WireException.class);
    assertThatThrownBy(() -> in.instant("h")).isInstanceOf(WireException.class);
    assertThatThrownBy(() -> in.bool("h", true)).isInstanceOf(WireException.class);
    assertThatThrownBy(() -> in.list("h")).isInstanceOf(WireException.class);
    assertThatThrownBy(() -> in.map("h")).isInstanceOf(WireException.class);
    assertThatThrownBy(() -> new In(Yaml.read("a: [1]\n".getBytes()), "").str("a"))
        .isInstanceOf(WireException.class);
    assertThat(Out.num(Double.NaN).asText()).isEqualTo("NaN");
  }
}
