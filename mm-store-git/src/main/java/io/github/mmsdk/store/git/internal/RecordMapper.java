package io.github.mmsdk.store.git.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.decision.RecommendationType;
import io.github.mmsdk.api.decision.RecordMetadata;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.exchange.CurrencyBalance;
import io.github.mmsdk.api.exchange.MarketData;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitCondition;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.exit.ExitObservation;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.exit.ExitTransition;
import io.github.mmsdk.api.exit.PositionRisk;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.grid.GridMode;
import io.github.mmsdk.api.grid.Spacing;
import io.github.mmsdk.api.notify.DeadLetter;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.api.regime.ConfidencePenalty;
import io.github.mmsdk.api.regime.GateEvaluation;
import io.github.mmsdk.api.regime.GateResult;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.MetricVote;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.api.regime.RestartGate;
import io.github.mmsdk.api.regime.TimeframeView;
import io.github.mmsdk.api.regime.Vote;
import io.github.mmsdk.api.store.MetricsSnapshot;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where API values become wire trees and back. Every document is a YAML mapping with
 * {@code schema_version}; keys are snake_case; instants are ISO-8601 text; money is decimal.
 */
public final class RecordMapper {

  private RecordMapper() {}

  // ---------------------------------------------------------------- shared pieces

  static JsonNode metadata(RecordMetadata m) {
    return new Out()
        .str("record_id", m.recordId())
        .str("venue", m.venue())
        .instant("observed_at", m.observedAt())
        .instant("recorded_at", m.recordedAt())
        .integer("record_schema_version", m.schemaVersion())
        .str("library_version", m.libraryVersion())
        .node;
  }

  static RecordMetadata metadata(In in) {
    return new RecordMetadata.Builder()
        .recordId(in.str("record_id"))
        .venue(in.str("venue"))
        .observedAt(in.instant("observed_at"))
        .recordedAt(in.instant("recorded_at"))
        .schemaVersion(in.integer("record_schema_version", 1))
        .libraryVersion(in.str("library_version"))
        .build();
  }

  private static final Map<String, Symbol> SYMBOLS = new java.util.concurrent.ConcurrentHashMap<>();

  static Symbol symbol(In in) {
    try {
      String text = in.asText();
      Symbol s = SYMBOLS.get(text);
      if (s == null) {
        s = Symbol.parse(text);
        if (SYMBOLS.size() < 10_000) {
          SYMBOLS.put(text, s);
        }
      }
      return s;
    } catch (RuntimeException e) {
      throw new WireException(in.path, "not a pair: " + in.node.asText());
    }
  }

  static Map<String, Double> doubles(In in, String field) {
    Map<String, Double> out = new LinkedHashMap<>();
    in.map(field).forEach((k, v) -> out.put(k, v.asDouble()));
    return out;
  }

  static Map<String, String> texts(In in, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    in.map(field).forEach((k, v) -> out.put(k, v.asText()));
    return out;
  }

  static JsonNode metricMap(Map<MetricId, Double> m) {
    ObjectNode o = Yaml.object();
    m.forEach((k, v) -> o.set(k.key(), Out.num(v)));
    return o;
  }

  static MetricId metricId(String key, String path) {
    for (MetricId id : MetricId.values()) {
      if (id.key().equals(key) || id.name().equals(key)) {
        return id;
      }
    }
    throw new WireException(path, "unknown metric " + key);
  }

  static Map<MetricId, Double> metricMap(In in, String field) {
    Map<MetricId, Double> out = new EnumMap<>(MetricId.class);
    in.map(field).forEach((k, v) -> out.put(metricId(k, v.path), v.asDouble()));
    return out;
  }

  // ---------------------------------------------------------------- regime

  static JsonNode vote(MetricVote v) {
    return new Out()
        .str("metric", v.metric().key())
        .dbl("value", v.value())
        .enumValue("vote", v.vote())
        .str("reason", v.reason())
        .node;
  }

  static MetricVote vote(In in) {
    return MetricVote.of(
        metricId(in.str("metric"), in.path + ".metric"),
        in.dbl("value"),
        in.enumValue("vote", Vote.class),
        in.str("reason", ""));
  }

  static JsonNode gateResult(GateResult g) {
    return new Out()
        .enumValue("gate", g.gate())
        .enumValue("status", g.status())
        .doubles("measured", g.measured())
        .doubles("thresholds", g.thresholds())
        .str("reason", g.reason())
        .node;
  }

  static GateResult gateResult(In in) {
    return new GateResult.Builder()
        .gate(in.enumValue("gate", RestartGate.class))
        .status(in.enumValue("status", GateResult.Status.class))
        .putAllMeasured(doubles(in, "measured"))
        .putAllThresholds(doubles(in, "thresholds"))
        .reason(in.str("reason", ""))
        .build();
  }

  static JsonNode gates(GateEvaluation g) {
    return new Out().list("gates", g.gates(), RecordMapper::gateResult).node;
  }

  static GateEvaluation gates(In in) {
    return GateEvaluation.of(in.list("gates", RecordMapper::gateResult));
  }

  static JsonNode regime(RegimeState r) {
    ObjectNode unavailable = Yaml.object();
    r.unavailable().forEach((k, v) -> unavailable.put(k.key(), v));
    Out o =
        new Out()
            .str("symbol", r.symbol().toString())
            .instant("as_of", r.asOf())
            .str("timeframe", r.timeframe().label())
            .enumValue("verdict", r.verdict())
            .dbl("confidence", r.confidence())
            .node("metrics", metricMap(r.metrics()));
    if (!r.unavailable().isEmpty()) {
      o.node("unavailable", unavailable);
    }
    return o.list("votes", r.votes(), RecordMapper::vote)
        .node(
            "confirmation",
            r.confirmation(),
            c ->
                new Out()
                    .str("timeframe", c.timeframe().label())
                    .enumValue("verdict", c.verdict())
                    .node("metrics", metricMap(c.metrics()))
                    .list("votes", c.votes(), RecordMapper::vote)
                    .node)
        .list(
            "penalties",
            r.penalties(),
            p ->
                new Out()
                    .str("name", p.name())
                    .dbl("amount", p.amount())
                    .str("reason", p.reason())
                    .node)
        .strings("reasons", r.reasons())
        .node("gate_evaluation", r.gates(), RecordMapper::gates)
        .node;
  }

  static RegimeState regime(In in) {
    RegimeState.Builder b =
        new RegimeState.Builder()
            .symbol(symbol(in.req("symbol")))
            .asOf(in.instant("as_of"))
            .timeframe(timeframe(in.req("timeframe")))
            .verdict(in.enumValue("verdict", RegimeVerdict.class))
            .confidence(in.dbl("confidence"))
            .putAllMetrics(metricMap(in, "metrics"))
            .addAllVotes(in.list("votes", RecordMapper::vote))
            .addAllPenalties(
                in.list(
                    "penalties",
                    p -> ConfidencePenalty.of(p.str("name"), p.dbl("amount"), p.str("reason", ""))))
            .addAllReasons(in.strings("reasons"));
    in.map("unavailable").forEach((k, v) -> b.putUnavailable(metricId(k, v.path), v.asText()));
    in.opt("confirmation")
        .ifPresent(
            c ->
                b.confirmation(
                    new TimeframeView.Builder()
                        .timeframe(timeframe(c.req("timeframe")))
                        .verdict(c.enumValue("verdict", RegimeVerdict.class))
                        .putAllMetrics(metricMap(c, "metrics"))
                        .addAllVotes(c.list("votes", RecordMapper::vote))
                        .build()));
    in.opt("gate_evaluation").ifPresent(g -> b.gates(gates(g)));
    return b.build();
  }

  static Timeframe timeframe(In in) {
    try {
      return Timeframe.parse(in.asText());
    } catch (RuntimeException e) {
      throw new WireException(in.path, "not a timeframe: " + in.node.asText());
    }
  }

  // ---------------------------------------------------------------- exits

  static JsonNode condition(ExitCondition c) {
    return new Out()
        .str("name", c.name())
        .enumValue("level", c.level())
        .dbl("value", c.value())
        .dbl("threshold", c.threshold())
        .str("description", c.description())
        .node;
  }

  static ExitCondition condition(In in) {
    return ExitCondition.of(
        in.str("name"),
        in.enumValue("level", ExitState.class),
        in.dbl("value"),
        in.dbl("threshold"),
        in.str("description", ""));
  }

  static JsonNode transition(ExitTransition t) {
    return new Out()
        .instant("timestamp", t.at())
        .enumValue("from_state", t.fromState())
        .enumValue("to_state", t.toState())
        .strings("reasons", t.reasons())
        .list("conditions", t.conditions(), RecordMapper::condition)
        .doubles("metrics", t.metrics())
        .node;
  }

  static ExitTransition transition(In in) {
    return new ExitTransition.Builder()
        .at(in.instant("timestamp"))
        .fromState(in.enumValue("from_state", ExitState.class))
        .toState(in.enumValue("to_state", ExitState.class))
        .addAllReasons(in.strings("reasons"))
        .addAllConditions(in.list("conditions", RecordMapper::condition))
        .putAllMetrics(doubles(in, "metrics"))
        .build();
  }

  static JsonNode observation(ExitObservation o) {
    return new Out()
        .instant("at", o.at())
        .enumValue("signalled", o.signalled())
        .integer("conditions_held", o.conditionsHeld())
        .node;
  }

  static ExitObservation observation(In in) {
    return ExitObservation.of(
        in.instant("at"),
        in.enumValue("signalled", ExitState.class),
        in.integer("conditions_held"));
  }

  /**
   * An exit history as a wire tree.
   *
   * @param h the history
   * @return the tree
   */
  public static ObjectNode exitHistory(ExitHistory h) {
    ObjectNode last = Yaml.object();
    h.lastNotification().forEach((k, v) -> last.put(k.name(), v.toString()));
    Out o =
        new Out()
            .str("grid_id", h.gridId())
            .enumValue("current", h.current())
            .instant("since", h.since())
            .instant("deadline", h.deadline())
            .list("transitions", h.transitions(), RecordMapper::transition);
    if (!h.lastNotification().isEmpty()) {
      o.node("last_notification", last);
    }
    return o.list("recent", h.recent(), RecordMapper::observation).node;
  }

  static ExitHistory exitHistory(In in) {
    ExitHistory.Builder b =
        new ExitHistory.Builder()
            .gridId(in.str("grid_id"))
            .current(in.enumValue("current", ExitState.class))
            .addAllTransitions(in.list("transitions", RecordMapper::transition))
            .addAllRecent(in.list("recent", RecordMapper::observation));
    in.optInstant("since").ifPresent(b::since);
    in.optInstant("deadline").ifPresent(b::deadline);
    in.map("last_notification")
        .forEach(
            (k, v) -> {
              if (!v.node.isNull()) {
                b.putLastNotification(
                    new In(Yaml.NODES.textNode(k), v.path).asEnum(ExitState.class), v.asInstant());
              }
            });
    return b.build();
  }

  static JsonNode positionRisk(PositionRisk p) {
    return new Out()
        .dec("inventory", p.inventory())
        .dec("average_entry", p.averageEntry())
        .dec("unrealized_pnl", p.unrealizedPnl())
        .dec("realized_profit", p.realizedProfit())
        .dec("loss_at_stop_loss", p.lossAtStopLoss())
        .dbl("distance_to_stop_loss_pct", p.distanceToStopLossPct())
        .node;
  }

  static PositionRisk positionRisk(In in) {
    PositionRisk.Builder b =
        new PositionRisk.Builder()
            .inventory(in.dec("inventory"))
            .averageEntry(in.dec("average_entry"))
            .unrealizedPnl(in.dec("unrealized_pnl"))
            .realizedProfit(in.dec("realized_profit"));
    in.optDec("loss_at_stop_loss").ifPresent(b::lossAtStopLoss);
    in.optDbl("distance_to_stop_loss_pct").ifPresent(b::distanceToStopLossPct);
    return b.build();
  }

  static JsonNode assessment(ExitAssessment a) {
    return new Out()
        .str("grid_id", a.gridId())
        .instant("as_of", a.asOf())
        .enumValue("previous", a.previous())
        .enumValue("state", a.state())
        .node("transition", a.transition(), RecordMapper::transition)
        .list("conditions", a.conditions(), RecordMapper::condition)
        .instant("deadline", a.deadline())
        .node("position_risk", a.positionRisk(), RecordMapper::positionRisk)
        .texts("unavailable_metrics", a.unavailableMetrics())
        .bool("should_notify", a.shouldNotify())
        .integer("priority", a.priority())
        .str("message", a.message())
        .node("observation", observation(a.observation()))
        .node("history", exitHistory(a.history()))
        .node;
  }

  static ExitAssessment assessment(In in) {
    ExitAssessment.Builder b =
        new ExitAssessment.Builder()
            .gridId(in.str("grid_id"))
            .asOf(in.instant("as_of"))
            .previous(in.enumValue("previous", ExitState.class))
            .state(in.enumValue("state", ExitState.class))
            .addAllConditions(in.list("conditions", RecordMapper::condition))
            .putAllUnavailableMetrics(texts(in, "unavailable_metrics"))
            .shouldNotify(in.bool("should_notify", false))
            .priority(in.integer("priority", 0))
            .message(in.str("message", ""))
            .observation(observation(in.req("observation")))
            .history(exitHistory(in.req("history")));
    in.opt("transition").ifPresent(t -> b.transition(transition(t)));
    in.optInstant("deadline").ifPresent(b::deadline);
    in.opt("position_risk").ifPresent(p -> b.positionRisk(positionRisk(p)));
    return b.build();
  }

  // ---------------------------------------------------------------- exchange data

  static JsonNode balance(AccountBalance a) {
    ObjectNode holdings = Yaml.object();
    a.holdings()
        .forEach(
            (k, v) ->
                holdings.set(
                    k,
                    new Out()
                        .str("currency", v.currency())
                        .dec("total", v.total())
                        .dec("available", v.available())
                        .node));
    Out o =
        new Out()
            .str("quote_currency", a.quoteCurrency())
            .dec("total", a.total())
            .dec("available", a.available())
            .dec("reserve_required", a.reserveRequired());
    if (!a.holdings().isEmpty()) {
      o.node("holdings", holdings);
    }
    return o.instant("as_of", a.asOf()).node;
  }

  static AccountBalance balance(In in) {
    AccountBalance.Builder b =
        new AccountBalance.Builder()
            .quoteCurrency(in.str("quote_currency"))
            .total(in.dec("total"))
            .available(in.dec("available"))
            .asOf(in.instant("as_of"));
    in.optDec("reserve_required").ifPresent(b::reserveRequired);
    in.map("holdings")
        .forEach(
            (k, v) ->
                b.putHolding(
                    k,
                    CurrencyBalance.of(v.str("currency", k), v.dec("total"), v.dec("available"))));
    return b.build();
  }

  static JsonNode marketData(MarketData m) {
    return new Out()
        .str("symbol", m.symbol().toString())
        .dec("last_price", m.lastPrice())
        .dec("best_bid", m.bestBid())
        .dec("best_ask", m.bestAsk())
        .dbl("change_24h_pct", m.change24hPct())
        .dec("volume_24h", m.volume24h())
        .instant("as_of", m.asOf())
        .node;
  }

  static MarketData marketData(In in) {
    MarketData.Builder b =
        new MarketData.Builder()
            .symbol(symbol(in.req("symbol")))
            .lastPrice(in.dec("last_price"))
            .change24hPct(in.dbl("change_24h_pct"))
            .volume24h(in.dec("volume_24h"))
            .asOf(in.instant("as_of"));
    in.optDec("best_bid").ifPresent(b::bestBid);
    in.optDec("best_ask").ifPresent(b::bestAsk);
    return b.build();
  }

  // ---------------------------------------------------------------- grids

  /**
   * A grid history entry as a wire tree.
   *
   * @param e the entry
   * @return the tree
   */
  public static ObjectNode gridEntry(GridHistoryEntry e) {
    return new Out()
        .instant("timestamp", e.at())
        .enumValue("event", e.event())
        .str("reason", e.reason())
        .str("actor", e.actor())
        .str("decision_id", e.decisionId())
        .node;
  }

  static GridHistoryEntry gridEntry(In in) {
    GridHistoryEntry.Builder b =
        new GridHistoryEntry.Builder()
            .at(in.instant("timestamp"))
            .event(in.enumValue("event", GridHistoryEntry.Event.class))
            .reason(in.str("reason", ""))
            .actor(in.str("actor", "system"));
    in.optStr("decision_id").ifPresent(b::decisionId);
    return b.build();
  }

  /**
   * A grid's fields, without its history, as a wire tree.
   *
   * @param g the grid
   * @return the tree
   */
  public static ObjectNode gridBody(GridConfig g) {
    return new Out()
        .str("id", g.id())
        .str("symbol", g.symbol().toString())
        .dec("lower_price", g.lowerPrice())
        .dec("upper_price", g.upperPrice())
        .integer("levels", g.levels())
        .enumValue("spacing", g.spacing())
        .enumValue("mode", g.mode())
        .dec("amount_per_grid", g.amountPerGrid())
        .dbl("profit_per_grid_pct", g.profitPerGridPct())
        .dec("stop_loss_price", g.stopLossPrice())
        .dec("take_profit_price", g.takeProfitPrice())
        .dec("allocation", g.allocation())
        .node;
  }

  static JsonNode grid(GridConfig g) {
    ObjectNode body = gridBody(g);
    if (!g.history().isEmpty()) {
      com.fasterxml.jackson.databind.node.ArrayNode a = body.putArray("history");
      g.history().forEach(e -> a.add(gridEntry(e)));
    }
    return body;
  }

  /**
   * A control record as a list entry.
   *
   * @param r the record
   * @return the entry tree
   */
  public static ObjectNode control(ControlRecord r) {
    Out out =
        new Out()
            .str("id", r.id())
            .enumValue("kind", r.kind())
            .instant("at", r.at())
            .str("actor", r.actor())
            .str("reason", r.reason())
            .str("symbol", r.symbol().map(Symbol::toString))
            .str("key", r.key());
    if (!r.attributes().isEmpty()) {
      ObjectNode a = out.node.putObject("attributes");
      r.attributes().forEach(a::put);
    }
    return out.node;
  }

  /**
   * Reads the control records of a day file, in writing order.
   *
   * @param root the tree
   * @return the records
   */
  public static java.util.List<ControlRecord> controls(JsonNode root) {
    java.util.List<ControlRecord> out = new ArrayList<>();
    for (In e : new In(root, "").list("records")) {
      ControlRecord.Builder b =
          new ControlRecord.Builder()
              .id(e.str("id"))
              .kind(e.enumValue("kind", ControlRecord.Kind.class))
              .at(e.instant("at"))
              .actor(e.str("actor"))
              .reason(e.str("reason", ""));
      e.optStr("symbol").map(Symbol::parse).ifPresent(b::symbol);
      e.optStr("key").ifPresent(b::key);
      e.map("attributes").forEach((k, v) -> b.putAttribute(k, v.asText()));
      out.add(b.build());
    }
    return out;
  }

  /**
   * Reads a grid from a wire tree.
   *
   * @param root the tree
   * @return the grid
   */
  public static GridConfig grid(JsonNode root) {
    return grid(new In(root, ""));
  }

  static GridConfig grid(In in) {
    GridConfig.Builder b =
        new GridConfig.Builder()
            .id(in.str("id"))
            .symbol(symbol(in.req("symbol")))
            .lowerPrice(in.dec("lower_price"))
            .upperPrice(in.dec("upper_price"))
            .levels(in.integer("levels"))
            .amountPerGrid(in.dec("amount_per_grid"))
            .profitPerGridPct(in.dbl("profit_per_grid_pct"))
            .allocation(in.dec("allocation"))
            .addAllHistory(in.list("history", RecordMapper::gridEntry));
    if (in.has("spacing")) {
      b.spacing(in.enumValue("spacing", Spacing.class));
    }
    if (in.has("mode")) {
      b.mode(in.enumValue("mode", GridMode.class));
    }
    in.optDec("stop_loss_price").ifPresent(b::stopLossPrice);
    in.optDec("take_profit_price").ifPresent(b::takeProfitPrice);
    return b.build();
  }

  // ---------------------------------------------------------------- decisions

  static JsonNode recommendation(Recommendation r) {
    return new Out()
        .enumValue("type", r.type())
        .enumValue("action", r.action())
        .str("symbol", r.symbol().toString())
        .str("grid_id", r.gridId())
        .dbl("confidence", r.confidence())
        .strings("reasons", r.reasons())
        .node("proposed_grid", r.proposedGrid(), RecordMapper::grid)
        .dbl("reduce_fraction", r.reduceFraction())
        .enumValue("escalation", r.escalation())
        .bool("auto_executable", r.autoExecutable())
        .instant("expires_at", r.expiresAt())
        .strings("vetoes", r.vetoes())
        .node("gates", r.gates(), RecordMapper::gates)
        .node;
  }

  static Recommendation recommendation(In in) {
    Recommendation.Builder b =
        new Recommendation.Builder()
            .type(in.enumValue("type", RecommendationType.class))
            .action(in.enumValue("action", GridAction.class))
            .symbol(symbol(in.req("symbol")))
            .confidence(in.dbl("confidence"))
            .addAllReasons(in.strings("reasons"))
            .escalation(in.enumValue("escalation", Escalation.class))
            .autoExecutable(in.bool("auto_executable", false))
            .addAllVetoes(in.strings("vetoes"));
    in.optStr("grid_id").ifPresent(b::gridId);
    in.opt("proposed_grid").ifPresent(g -> b.proposedGrid(grid(g)));
    in.optDbl("reduce_fraction").ifPresent(b::reduceFraction);
    in.optInstant("expires_at").ifPresent(b::expiresAt);
    in.opt("gates").ifPresent(g -> b.gates(gates(g)));
    return b.build();
  }

  /**
   * A decision's body (without appended entries) as a wire tree.
   *
   * @param d the decision
   * @return the tree
   */
  public static ObjectNode decisionBody(DecisionRecord d) {
    return new Out()
        .node("metadata", metadata(d.metadata()))
        .str("symbol", d.symbol().toString())
        .node("regime", regime(d.regime()))
        .list("exits", d.exits(), RecordMapper::assessment)
        .list("recommendations", d.recommendations(), RecordMapper::recommendation)
        .node("market_data", d.marketData(), RecordMapper::marketData)
        .node("balance", d.balance(), RecordMapper::balance)
        .str("config_version", d.configVersion())
        .strings("incomplete_reasons", d.incompleteReasons())
        .node;
  }

  /**
   * An action as an appended entry.
   *
   * @param a the action
   * @return the entry tree
   */
  public static ObjectNode action(ActionRecord a) {
    return new Out()
        .str("decision_id", a.decisionId())
        .enumValue("kind", a.kind())
        .str("actor", a.actor())
        .instant("at", a.at())
        .str("note", a.note())
        .dec("executed_price", a.executedPrice())
        .dec("executed_size", a.executedSize())
        .node;
  }

  static ActionRecord action(In in) {
    ActionRecord.Builder b =
        new ActionRecord.Builder()
            .decisionId(in.str("decision_id"))
            .kind(in.enumValue("kind", ActionRecord.Kind.class))
            .actor(in.str("actor"))
            .at(in.instant("at"))
            .note(in.str("note", ""));
    in.optDec("executed_price").ifPresent(b::executedPrice);
    in.optDec("executed_size").ifPresent(b::executedSize);
    return b.build();
  }

  /**
   * An evaluation as an appended entry.
   *
   * @param e the evaluation
   * @return the entry tree
   */
  public static ObjectNode evaluation(EvaluationRecord e) {
    return new Out()
        .str("decision_id", e.decisionId())
        .enumValue("horizon", e.horizon())
        .instant("evaluated_at", e.evaluatedAt())
        .dec("price_at_decision", e.priceAtDecision())
        .dec("price_at_horizon", e.priceAtHorizon())
        .dec("economic_impact_usd", e.economicImpactUsd())
        .enumValue("outcome", e.outcome())
        .doubles("details", e.details())
        .node;
  }

  static EvaluationRecord evaluation(In in) {
    return new EvaluationRecord.Builder()
        .decisionId(in.str("decision_id"))
        .horizon(in.enumValue("horizon", EvaluationHorizon.class))
        .evaluatedAt(in.instant("evaluated_at"))
        .priceAtDecision(in.dec("price_at_decision"))
        .priceAtHorizon(in.dec("price_at_horizon"))
        .economicImpactUsd(in.dec("economic_impact_usd"))
        .outcome(in.enumValue("outcome", EvaluationRecord.Outcome.class))
        .putAllDetails(doubles(in, "details"))
        .build();
  }

  /**
   * Reads a (migrated) decision document with its appended entries.
   *
   * @param root the current-version tree
   * @return the decision
   */
  public static DecisionRecord decision(JsonNode root) {
    In in = new In(root, "");
    DecisionRecord.Builder b =
        new DecisionRecord.Builder()
            .metadata(metadata(in.req("metadata")))
            .symbol(symbol(in.req("symbol")))
            .regime(regime(in.req("regime")))
            .addAllExits(in.list("exits", RecordMapper::assessment))
            .addAllRecommendations(in.list("recommendations", RecordMapper::recommendation))
            .addAllIncompleteReasons(in.strings("incomplete_reasons"));
    in.opt("market_data").ifPresent(m -> b.marketData(marketData(m)));
    in.opt("balance").ifPresent(m -> b.balance(balance(m)));
    in.optStr("config_version").ifPresent(b::configVersion);
    appended(in, b);
    return b.build();
  }

  /**
   * A decision with the entries of a document holding only an {@code appended} list: the tail of a
   * decision file that grew since {@code d} was read from it.
   *
   * @param d the decision as read before
   * @param tail the (migrated) tail document
   * @return the decision with the new actions and evaluations
   */
  public static DecisionRecord decisionAppended(DecisionRecord d, JsonNode tail) {
    DecisionRecord.Builder b = new DecisionRecord.Builder().from(d);
    appended(new In(tail, ""), b);
    return b.build();
  }

  private static void appended(In in, DecisionRecord.Builder b) {
    for (In e : in.list("appended")) {
      if (e.has("action")) {
        b.addAction(action(e.req("action")));
      } else if (e.has("evaluation")) {
        b.addEvaluation(evaluation(e.req("evaluation")));
      } else {
        throw new WireException(e.path, "expected 'action' or 'evaluation'");
      }
    }
  }

  // ---------------------------------------------------------------- snapshots

  /**
   * A snapshot as a wire tree (without {@code schema_version}).
   *
   * @param s the snapshot
   * @return the tree
   */
  public static ObjectNode snapshot(MetricsSnapshot s) {
    return new Out()
        .node("metadata", metadata(s.metadata()))
        .str("symbol", s.symbol().toString())
        .node("regime", regime(s.regime()))
        .list("exits", s.exits(), RecordMapper::assessment)
        .node("balance", s.balance(), RecordMapper::balance)
        .node("market_data", s.marketData(), RecordMapper::marketData)
        .texts("grid_status", s.gridStatus())
        .strings("incomplete_reasons", s.incompleteReasons())
        .node;
  }

  /**
   * Reads a (migrated) snapshot document.
   *
   * @param root the tree
   * @return the snapshot
   */
  public static MetricsSnapshot snapshot(JsonNode root) {
    In in = new In(root, "");
    MetricsSnapshot.Builder b =
        new MetricsSnapshot.Builder()
            .metadata(metadata(in.req("metadata")))
            .symbol(symbol(in.req("symbol")))
            .regime(regime(in.req("regime")))
            .addAllExits(in.list("exits", RecordMapper::assessment))
            .putAllGridStatus(texts(in, "grid_status"))
            .addAllIncompleteReasons(in.strings("incomplete_reasons"));
    in.opt("balance").ifPresent(m -> b.balance(balance(m)));
    in.opt("market_data").ifPresent(m -> b.marketData(marketData(m)));
    return b.build();
  }

  /**
   * Reads the exit-history entries of an exit-state document, in file order.
   *
   * @param root the tree
   * @return grid id and history, per entry
   */
  public static java.util.List<ExitHistory> exitEntries(JsonNode root) {
    return new In(root, "").list("entries", e -> exitHistory(e.req("history")));
  }

  // ---------------------------------------------------------------- notifications

  static JsonNode report(DeliveryReport r) {
    return new Out()
        .str("notification_id", r.notificationId())
        .str("channel", r.channel())
        .enumValue("status", r.status())
        .integer("attempts", r.attempts())
        .instant("at", r.at())
        .str("receipt", r.receipt())
        .str("error", r.error())
        .list("channels", r.channels(), RecordMapper::report)
        .node;
  }

  /**
   * A delivery report as an appended entry.
   *
   * @param r the report
   * @param resolved whether the report resolves the dead letter
   * @return the entry
   */
  public static ObjectNode attempt(DeliveryReport r, boolean resolved) {
    ObjectNode o = Yaml.object();
    o.set(resolved ? "resolved" : "attempt", report(r));
    return o;
  }

  static DeliveryReport report(In in) {
    DeliveryReport.Builder b =
        new DeliveryReport.Builder()
            .notificationId(in.str("notification_id"))
            .channel(in.str("channel"))
            .status(in.enumValue("status", DeliveryReport.Status.class))
            .attempts(in.integer("attempts", 0))
            .at(in.instant("at"))
            .addAllChannels(in.list("channels", RecordMapper::report));
    in.optStr("receipt").ifPresent(b::receipt);
    in.optStr("error").ifPresent(b::error);
    return b.build();
  }

  /**
   * A notification as a wire tree.
   *
   * @param n the notification
   * @return the tree
   */
  public static ObjectNode notification(Notification n) {
    return new Out()
        .str("id", n.id())
        .enumValue("kind", n.kind())
        .enumValue("priority", n.priority())
        .str("title", n.title())
        .str("message", n.message())
        .str("symbol", n.symbol().map(Symbol::toString))
        .str("grid_id", n.gridId())
        .instant("created_at", n.createdAt())
        .texts("fields", n.fields())
        .node;
  }

  static Notification notification(In in) {
    Notification.Builder b =
        new Notification.Builder()
            .id(in.str("id"))
            .kind(in.enumValue("kind", Notification.Kind.class))
            .priority(in.enumValue("priority", NotificationPriority.class))
            .title(in.str("title", ""))
            .message(in.str("message", ""))
            .createdAt(in.instant("created_at"))
            .putAllFields(texts(in, "fields"));
    in.opt("symbol").ifPresent(s -> b.symbol(symbol(s)));
    in.optStr("grid_id").ifPresent(b::gridId);
    return b.build();
  }

  /**
   * Reads a dead-letter document.
   *
   * @param root the tree
   * @return the dead letter and whether it was resolved
   */
  public static Map.Entry<DeadLetter, Boolean> deadLetter(JsonNode root) {
    In in = new In(root, "");
    DeadLetter.Builder b =
        new DeadLetter.Builder()
            .notification(notification(in.req("notification")))
            .since(in.instant("since"));
    boolean resolved = false;
    for (In e : in.list("attempts")) {
      if (e.has("resolved")) {
        resolved = true;
        b.addAttempt(report(e.req("resolved")));
      } else {
        b.addAttempt(report(e.req("attempt")));
      }
    }
    return Map.entry(b.build(), resolved);
  }
}
