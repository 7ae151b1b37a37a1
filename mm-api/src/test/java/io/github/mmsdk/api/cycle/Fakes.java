package io.github.mmsdk.api.cycle;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InsufficientDataException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.decision.DecisionGrader;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.GridManager;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.decision.RecommendationType;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.exchange.CandleStream;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.exchange.FeeRates;
import io.github.mmsdk.api.exchange.GridExecution;
import io.github.mmsdk.api.exchange.KeyPermissions;
import io.github.mmsdk.api.exchange.MarketData;
import io.github.mmsdk.api.exchange.OpenOrders;
import io.github.mmsdk.api.exchange.SymbolRules;
import io.github.mmsdk.api.exchange.TransientExchangeException;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitEvaluator;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.exit.ExitObservation;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.Notifier;
import io.github.mmsdk.api.regime.RegimeEngine;
import io.github.mmsdk.api.regime.RegimeInput;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.api.store.MetricsSnapshot;
import io.github.mmsdk.api.store.RecordImmutableException;
import io.github.mmsdk.api.store.RecordNotFoundException;
import io.github.mmsdk.api.store.StoreException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-test fakes of every contract, with failure switches. */
final class Fakes {
  private Fakes() {}

  static final long H = 3_600_000L;

  static CandleSeries hourly(Symbol s, Instant start, int n) {
    CandleSeries.Builder b = CandleSeries.builder(s, Timeframe.H1, n);
    for (int i = 0; i < n; i++) {
      double p = 100 + Math.sin(i / 5.0) * 5;
      b.add(start.toEpochMilli() + i * H, p, p + 1, p - 1, p + 0.5, 10);
    }
    return b.build();
  }

  static final class Exchange implements ExchangeInterface {
    final Map<Symbol, CandleSeries> hourly = new ConcurrentHashMap<>();
    final Set<Symbol> down = ConcurrentHashMap.newKeySet();
    volatile boolean balanceDown;
    volatile GridExecution execution;
    volatile OpenOrders orders;
    final List<String> mdcSeen = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    @Override
    public String id() {
      return "fake";
    }

    private void check(Symbol s, String op) {
      mdcSeen.add(MarketMaker.currentCycleId().orElse("none"));
      if (down.contains(s)) {
        throw new TransientExchangeException("fake", op, "connection refused", null, null);
      }
    }

    @Override
    public CandleSeries candles(Symbol symbol, Timeframe tf, Instant from, Instant to) {
      check(symbol, "candles");
      CandleSeries s = hourly.get(symbol);
      if (tf != Timeframe.H1 || s == null) {
        return CandleSeries.empty(symbol, tf);
      }
      // deliberately returns candles past `to` so the facade's look-ahead guard is exercised
      return s.between(from, to.plusSeconds(10 * 3600));
    }

    @Override
    public MarketData marketData(Symbol symbol) {
      check(symbol, "marketData");
      return new MarketData.Builder()
          .symbol(symbol)
          .lastPrice(new BigDecimal("100.5"))
          .change24hPct(1.5)
          .volume24h(BigDecimal.TEN)
          .asOf(Instant.EPOCH)
          .build();
    }

    @Override
    public AccountBalance balance(String quote) {
      if (balanceDown) {
        throw new TransientExchangeException("fake", "balance", "timeout", null, null);
      }
      return new AccountBalance.Builder()
          .quoteCurrency(quote)
          .total(new BigDecimal("1000"))
          .available(new BigDecimal("1000"))
          .asOf(Instant.EPOCH)
          .build();
    }

    @Override
    public KeyPermissions keyPermissions() {
      return new KeyPermissions.Builder().trade(false).withdraw(false).build();
    }

    @Override
    public SymbolRules symbolRules(Symbol symbol) {
      check(symbol, "symbolRules");
      return new SymbolRules.Builder()
          .symbol(symbol)
          .baseMinSize(new BigDecimal("0.0001"))
          .baseIncrement(new BigDecimal("0.0001"))
          .quoteMinSize(BigDecimal.ONE)
          .priceIncrement(new BigDecimal("0.01"))
          .build();
    }

    @Override
    public FeeRates feeRates(Symbol symbol) {
      check(symbol, "feeRates");
      return FeeRates.of(symbol, new BigDecimal("0.001"), new BigDecimal("0.001"));
    }

    @Override
    public Optional<CandleStream> candleStream() {
      return Optional.empty();
    }

    @Override
    public Optional<OpenOrders> openOrders() {
      return Optional.ofNullable(orders);
    }

    @Override
    public Optional<GridExecution> gridExecution() {
      return Optional.ofNullable(execution);
    }

    @Override
    public Health health() {
      return down.isEmpty() ? Health.up("exchange:fake") : Health.down("exchange:fake", "down");
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  static final class Engine implements RegimeEngine {
    final List<Long> lastCloseSeen = new CopyOnWriteArrayList<>();
    final List<RegimeInput> inputs = new CopyOnWriteArrayList<>();

    @Override
    public RegimeState evaluate(RegimeInput in) {
      inputs.add(in);
      CandleSeries p = in.primary();
      if (p.size() < 10) {
        throw new InsufficientDataException("1h candles", 10, p.size());
      }
      lastCloseSeen.add(p.closeTimeMillis(p.size() - 1));
      return new RegimeState.Builder()
          .symbol(in.symbol())
          .asOf(in.asOf())
          .verdict(RegimeVerdict.RANGE_OK)
          .confidence(0.8)
          .addReason("fake")
          .build();
    }
  }

  static final class Exits implements ExitEvaluator {
    @Override
    public ExitAssessment evaluate(io.github.mmsdk.api.exit.ExitInput in) {
      ExitObservation o = ExitObservation.of(in.asOf(), ExitState.WARNING, 2);
      return new ExitAssessment.Builder()
          .gridId(in.grid().id())
          .asOf(in.asOf())
          .previous(in.history().current())
          .state(ExitState.WARNING)
          .shouldNotify(true)
          .priority(0)
          .message("watch it")
          .observation(o)
          .history(
              new ExitHistory.Builder()
                  .from(in.history())
                  .current(ExitState.WARNING)
                  .addRecent(o)
                  .build())
          .build();
    }
  }

  static final class Manager implements GridManager {
    final List<Boolean> haltedSeen = new CopyOnWriteArrayList<>();
    volatile boolean stop;

    @Override
    public List<Recommendation> recommend(io.github.mmsdk.api.decision.RecommendationContext ctx) {
      haltedSeen.add(ctx.halted());
      if (stop) {
        return List.of(
            new Recommendation.Builder()
                .type(RecommendationType.GRID_MANAGE)
                .action(GridAction.STOP_GRID)
                .symbol(ctx.symbol())
                .gridId("grid-" + ctx.symbol().base().toLowerCase())
                .confidence(0.9)
                .addReason("mandatory exit")
                .escalation(Escalation.REQUIRE_APPROVAL)
                .autoExecutable(true)
                .build());
      }
      return List.of(
          new Recommendation.Builder()
              .type(RecommendationType.GRID_MANAGE)
              .action(GridAction.HOLD)
              .symbol(ctx.symbol())
              .confidence(ctx.regime().confidence())
              .addReason("range holds")
              .escalation(Escalation.NOTIFY)
              .build(),
          new Recommendation.Builder()
              .type(RecommendationType.GRID_SETUP)
              .action(GridAction.WAIT)
              .symbol(ctx.symbol())
              .confidence(0.5)
              .escalation(Escalation.RECORD_ONLY)
              .build());
    }
  }

  static final class Grader implements DecisionGrader {
    @Override
    public EvaluationRecord grade(
        DecisionRecord d,
        io.github.mmsdk.api.decision.EvaluationHorizon h,
        CandleSeries path,
        Instant at) {
      return new EvaluationRecord.Builder()
          .decisionId(d.id())
          .horizon(h)
          .evaluatedAt(at)
          .priceAtDecision(BigDecimal.valueOf(path.close(0)))
          .priceAtHorizon(BigDecimal.valueOf(path.close(path.size() - 1)))
          .economicImpactUsd(BigDecimal.ONE)
          .outcome(EvaluationRecord.Outcome.CORRECT)
          .build();
    }
  }

  static class Store implements DecisionStore {
    final List<CycleRecords> commits = new CopyOnWriteArrayList<>();
    final List<EvaluationRecord> evaluations = new CopyOnWriteArrayList<>();
    final Map<String, DecisionRecord> decisions = new ConcurrentHashMap<>();
    final List<GridConfig> grids = new CopyOnWriteArrayList<>();
    volatile boolean writeDown;
    volatile boolean readDown;
    volatile boolean closed;

    @Override
    public String commitCycle(CycleRecords cycle) {
      if (writeDown) {
        throw new StoreException("disk full", null);
      }
      commits.add(cycle);
      cycle.decision().ifPresent(d -> decisions.put(d.id(), d));
      return "c" + commits.size();
    }

    @Override
    public String appendAction(ActionRecord action) {
      DecisionRecord d = decisions.get(action.decisionId());
      if (d == null) {
        throw new RecordNotFoundException(action.decisionId());
      }
      decisions.put(d.id(), new DecisionRecord.Builder().from(d).addAction(action).build());
      return "a";
    }

    @Override
    public String appendEvaluation(EvaluationRecord evaluation) {
      DecisionRecord d = decisions.get(evaluation.decisionId());
      if (d == null) {
        throw new RecordNotFoundException(evaluation.decisionId());
      }
      decisions.put(d.id(), new DecisionRecord.Builder().from(d).addEvaluation(evaluation).build());
      evaluations.add(evaluation);
      return "e" + evaluations.size();
    }

    @Override
    public String addGrid(GridConfig grid) {
      grids.add(grid);
      return "g";
    }

    @Override
    public String appendGridHistory(String gridId, GridHistoryEntry entry) {
      for (int i = 0; i < grids.size(); i++) {
        if (grids.get(i).id().equals(gridId)) {
          grids.set(i, grids.get(i).withHistoryEntry(entry));
          return "h";
        }
      }
      throw new RecordNotFoundException(gridId);
    }

    @Override
    public Optional<DecisionRecord> decision(String id) {
      return Optional.ofNullable(decisions.get(id));
    }

    @Override
    public List<DecisionRecord> decisions(Symbol symbol, Instant from, Instant to) {
      if (readDown) {
        throw new StoreException("unreadable", null);
      }
      List<DecisionRecord> out = new ArrayList<>();
      for (DecisionRecord d : decisions.values()) {
        Instant t = d.metadata().observedAt();
        if (d.symbol().equals(symbol) && !t.isBefore(from) && t.isBefore(to)) {
          out.add(d);
        }
      }
      out.sort((a, b) -> a.metadata().observedAt().compareTo(b.metadata().observedAt()));
      return out;
    }

    @Override
    public List<MetricsSnapshot> snapshots(Symbol symbol, Instant from, Instant to) {
      return List.of();
    }

    @Override
    public List<DecisionRecord> awaitingEvaluation(Instant asOf) {
      List<DecisionRecord> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (DecisionRecord d : decisions.values()) {
        if (seen.add(d.id()) && d.gradedHorizons().size() < 3) {
          out.add(d);
        }
      }
      return out;
    }

    @Override
    public ExitHistory exitHistory(Symbol symbol, String gridId) {
      return ExitHistory.empty(gridId);
    }

    @Override
    public List<GridConfig> grids() {
      if (readDown) {
        throw new StoreException("unreadable", null);
      }
      return Collections.unmodifiableList(grids);
    }

    @Override
    public Optional<String> configVersion() {
      return Optional.of("cfg1");
    }

    final List<ControlRecord> controls = new CopyOnWriteArrayList<>();
    final Map<LocalDate, Map<String, Double>> kpis = new ConcurrentHashMap<>();

    @Override
    public String appendControl(ControlRecord record) {
      if (writeDown) {
        throw new StoreException("disk full", null);
      }
      if (controls.stream().anyMatch(r -> r.id().equals(record.id()))) {
        throw new RecordImmutableException(record.id(), "stored");
      }
      controls.add(record);
      return "k" + controls.size();
    }

    @Override
    public List<ControlRecord> controls(Instant from, Instant to) {
      return controls.stream()
          .filter(r -> !r.at().isBefore(from) && r.at().isBefore(to))
          .sorted(java.util.Comparator.comparing(ControlRecord::at))
          .toList();
    }

    @Override
    public String writeKpis(LocalDate day, Map<String, Double> figures) {
      kpis.put(day, Map.copyOf(figures));
      return "kpi";
    }

    @Override
    public Map<String, Double> kpis(LocalDate day) {
      return kpis.getOrDefault(day, Map.of());
    }

    @Override
    public Health health() {
      return writeDown ? Health.down("store:fake", "disk full") : Health.up("store:fake");
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  static final class Notify implements Notifier {
    final List<Notification> delivered = new CopyOnWriteArrayList<>();
    volatile boolean explode;
    volatile boolean closed;

    @Override
    public DeliveryReport deliver(Notification n) {
      if (explode) {
        throw new IllegalStateException("channel exploded");
      }
      delivered.add(n);
      return Notifier.delivered(n, "fake", 1, n.createdAt());
    }

    @Override
    public Health health() {
      return Health.up("notifier:fake");
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Records exchange calls and store commits as text: "SYMBOL op 1ms ok|ExceptionType". */
  static final class CallLog implements CycleListener {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> commits = new CopyOnWriteArrayList<>();

    @Override
    public void exchangeCallFinished(
        Symbol s, String op, Duration d, Optional<RuntimeException> failure) {
      String outcome = failure.map(e -> e.getClass().getSimpleName()).orElse("ok");
      calls.add(s + " " + op + " " + d.toMillis() + "ms " + outcome);
    }

    @Override
    public void storeCommitted(Symbol s, Duration d, boolean succeeded, Optional<Boolean> pushed) {
      commits.add(s + " " + d.toMillis() + "ms " + succeeded + " " + pushed);
    }
  }
}
