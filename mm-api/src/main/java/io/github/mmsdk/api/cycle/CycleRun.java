package io.github.mmsdk.api.cycle;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.decision.RecommendationContext;
import io.github.mmsdk.api.decision.RecordMetadata;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.exchange.FeeRates;
import io.github.mmsdk.api.exchange.GridCommandResult;
import io.github.mmsdk.api.exchange.MarketData;
import io.github.mmsdk.api.exchange.SymbolRules;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.exit.ExitInput;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.api.regime.RegimeInput;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.api.store.MetricsSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** One decision cycle for one symbol: mutable while it runs, used once. */
final class CycleRun {

  private static final Logger LOG = LoggerFactory.getLogger(MarketMaker.class);

  /** The running cycle's id on this thread, for adapters whatever the logging backend. */
  static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private static final EvaluationHorizon[] HORIZONS = EvaluationHorizon.values();

  private final Components c;
  private final Symbol symbol;
  private final Instant asOf;

  /** The symbol's text and the decision time as {@code yyyyMMdd-HHmmss}: the records' ids. */
  private final String symbolText;

  private final String stamp;
  private final String correlationId;
  private final List<String> incomplete = new ArrayList<>();
  private final Map<CycleStep, Duration> durations = new EnumMap<>(CycleStep.class);
  private final Set<CycleStep> failed = EnumSet.noneOf(CycleStep.class);

  // state filled by the steps
  private List<GridConfig> allGrids = List.of();
  private List<GridConfig> grids = List.of();
  private final Map<String, ExitHistory> exitHistories = new LinkedHashMap<>();
  private List<DecisionRecord> recentDecisions = List.of();
  private Optional<String> configVersion = Optional.empty();
  private boolean halted;
  private final List<GridCommandResult> commands = new ArrayList<>();
  private final Map<Timeframe, CandleSeries> candles = new EnumMap<>(Timeframe.class);
  private Optional<AccountBalance> balance = Optional.empty();
  private Optional<MarketData> marketData = Optional.empty();
  private Optional<SymbolRules> symbolRules = Optional.empty();
  private Optional<FeeRates> feeRates = Optional.empty();
  private Optional<RegimeState> regime = Optional.empty();
  private final List<ExitAssessment> exits = new ArrayList<>();
  private List<Recommendation> recommendations = List.of();
  private Optional<String> decisionId = Optional.empty();
  private Optional<String> commitId = Optional.empty();
  private final List<DeliveryReport> deliveries = new ArrayList<>();
  private final List<EvaluationRecord> evaluations = new ArrayList<>();

  CycleRun(Components c, Symbol symbol, Instant asOf) {
    this.c = c;
    this.symbol = symbol;
    this.asOf = asOf;
    this.symbolText = symbol.toString();
    this.stamp = idTime(asOf);
    this.correlationId = "cyc-" + symbolText + "-" + stamp;
  }

  /**
   * The UTC time as {@code yyyyMMdd-HHmmss}, as {@link #ID_TIME} formats it, without the formatter
   * on the usual years (it costs a microsecond per call, three calls per cycle).
   */
  static String idTime(Instant t) {
    long seconds = t.getEpochSecond();
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
    int year = day.getYear();
    if (year < 1 || year > 9999) {
      return ID_TIME.format(t);
    }
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    char[] out = new char[15];
    digits(out, 0, year, 4);
    digits(out, 4, day.getMonthValue(), 2);
    digits(out, 6, day.getDayOfMonth(), 2);
    out[8] = '-';
    digits(out, 9, secondOfDay / 3600, 2);
    digits(out, 11, secondOfDay / 60 % 60, 2);
    digits(out, 13, secondOfDay % 60, 2);
    return new String(out);
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  CycleResult run() {
    long start = c.ticker().getAsLong();
    String outer = CURRENT.get();
    CURRENT.set(correlationId);
    MDC.put("cycle_id", correlationId);
    MDC.put("symbol", symbolText);
    try {
      c.listener().cycleStarted(symbol, asOf, correlationId);
      step(CycleStep.LOAD_STATE, this::loadState);
      step(CycleStep.FETCH_DATA, this::fetchData);
      step(CycleStep.REGIME, this::evaluateRegime);
      step(CycleStep.EXIT, this::evaluateExits);
      step(CycleStep.RECOMMEND, this::recommend);
      step(CycleStep.STORE, this::store);
      step(CycleStep.EXECUTE, this::execute);
      step(CycleStep.NOTIFY, this::notifyOperator);
      step(CycleStep.GRADE, this::grade);
      Duration total = Duration.ofNanos(c.ticker().getAsLong() - start);
      CycleResult result = result(total);
      log(result);
      c.listener().cycleFinished(result);
      return result;
    } finally {
      MDC.remove("cycle_id");
      MDC.remove("symbol");
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** Runs a step; a failure is recorded as a reason and never aborts the cycle. */
  private void step(CycleStep step, Supplier<Boolean> body) {
    long t0 = c.ticker().getAsLong();
    boolean ok;
    try {
      ok = body.get();
    } catch (RuntimeException e) {
      ok = false;
      incomplete.add(step.name().toLowerCase() + ": " + e.getMessage());
      LOG.warn("cycle step failed step={} error={}", step, e.toString());
    }
    Duration d = Duration.ofNanos(c.ticker().getAsLong() - t0);
    durations.put(step, d);
    if (!ok) {
      failed.add(step);
    }
    c.listener().stepFinished(symbol, step, d, ok);
  }

  private boolean loadState() {
    allGrids = c.store().grids();
    // the symbol's grids without a stream: this runs every cycle
    List<GridConfig> mine = new ArrayList<>(allGrids.size());
    for (GridConfig g : allGrids) {
      if (g.symbol().equals(symbol)) {
        mine.add(g);
      }
    }
    grids = Collections.unmodifiableList(mine);
    for (GridConfig g : grids) {
      if (g.isRunning()) {
        exitHistories.put(g.id(), c.store().exitHistory(symbol, g.id()));
      }
    }
    recentDecisions =
        c.store().decisions(symbol, asOf.minus(c.config().decisionMemory()), asOf.plusNanos(1));
    configVersion = c.store().configVersion();
    halted = c.control().halt().isPresent();
    return true;
  }

  private boolean fetchData() {
    boolean ok = true;
    for (Timeframe tf : c.config().timeframes()) {
      Instant from = tf.floor(asOf.minus(c.config().lookback(tf)));
      ok &=
          attempt(
              "candles " + tf.label(),
              "candles_" + tf.label(),
              () -> {
                CandleSeries s = c.exchange().candles(symbol, tf, from, asOf);
                // the contract promises closed candles; keep the cycle honest about look-ahead
                // anyway
                candles.put(tf, s.upTo(asOf));
              });
    }
    ok &=
        attempt(
            "balance",
            "balance",
            () -> balance = Optional.of(c.exchange().balance(c.config().quoteCurrency())));
    ok &=
        attempt(
            "market data",
            "market_data",
            () -> marketData = Optional.of(c.exchange().marketData(symbol)));
    ok &=
        attempt(
            "symbol rules",
            "symbol_rules",
            () -> symbolRules = Optional.of(c.exchange().symbolRules(symbol)));
    ok &=
        attempt(
            "fee rates", "fee_rates", () -> feeRates = Optional.of(c.exchange().feeRates(symbol)));
    return ok;
  }

  /** Runs one exchange read, timed for the listener; a failure is a reason, not an abort. */
  private boolean attempt(String what, String operation, Runnable r) {
    try {
      c.calls()
          .call(
              symbol,
              operation,
              () -> {
                r.run();
                return Boolean.TRUE;
              });
      return true;
    } catch (RuntimeException e) {
      incomplete.add("fetch_data: " + what + ": " + e.getMessage());
      LOG.warn("fetch failed what=\"{}\" error={}", what, e.toString());
      return false;
    }
  }

  private boolean evaluateRegime() {
    CandleSeries primary = candles.get(c.config().primary());
    if (primary == null) {
      incomplete.add("regime: no " + c.config().primary().label() + " candles");
      return false;
    }
    // the latest decision (the first of equals), without a stream: this runs every cycle
    DecisionRecord latest = null;
    for (DecisionRecord d : recentDecisions) {
      if (latest == null
          || d.metadata().observedAt().compareTo(latest.metadata().observedAt()) > 0) {
        latest = d;
      }
    }
    Optional<DecisionRecord> last = Optional.ofNullable(latest);
    // the first running grid, else the last grid; loops instead of streams (every cycle)
    GridConfig running = null;
    for (GridConfig g : grids) {
      if (g.isRunning()) {
        running = g;
        break;
      }
    }
    GridConfig shown = running != null || grids.isEmpty() ? running : grids.get(grids.size() - 1);
    RegimeInput.Builder in =
        new RegimeInput.Builder()
            .symbol(symbol)
            .asOf(asOf)
            .primary(primary)
            .confirmation(Optional.ofNullable(candles.get(Timeframe.H4)))
            .grid(Optional.ofNullable(shown))
            .previousVerdict(last.map(d -> d.regime().verdict()))
            .lastVerdictChange(lastVerdictChange())
            .evaluateGates(running == null);
    regime = Optional.of(c.regimeEngine().evaluate(in.build()));
    return true;
  }

  /** When the stored verdict last differed from its predecessor, from the recent decisions. */
  private Optional<Instant> lastVerdictChange() {
    Instant change = null;
    RegimeVerdict prev = null;
    for (DecisionRecord d : recentDecisions) {
      RegimeVerdict v = d.regime().verdict();
      if (prev != null && v != prev) {
        change = d.metadata().observedAt();
      }
      prev = v;
    }
    return Optional.ofNullable(change);
  }

  private boolean evaluateExits() {
    if (regime.isEmpty() || c.exitEvaluator().isEmpty()) {
      return regime.isPresent();
    }
    CandleSeries primary = candles.get(c.config().primary());
    for (GridConfig g : grids) {
      if (!g.isRunning()) {
        continue;
      }
      ExitInput in =
          new ExitInput.Builder()
              .asOf(asOf)
              .regime(regime.get())
              .grid(g)
              .candles(primary)
              .history(exitHistories.getOrDefault(g.id(), ExitHistory.empty(g.id())))
              .build();
      ExitAssessment assessment = c.exitEvaluator().get().evaluate(in);
      exits.add(assessment);
      c.listener().exitAssessed(symbol, assessment);
    }
    return true;
  }

  private boolean recommend() {
    if (regime.isEmpty() || c.gridManager().isEmpty()) {
      return regime.isPresent();
    }
    CandleSeries primary = candles.get(c.config().primary());
    RecommendationContext ctx =
        new RecommendationContext.Builder()
            .symbol(symbol)
            .asOf(asOf)
            .regime(regime.get())
            .addAllExits(exits)
            .addAllGrids(grids)
            .addAllAllGrids(allGrids)
            .balance(balance)
            .marketData(marketData)
            .symbolRules(symbolRules)
            .feeRates(feeRates)
            .addAllRecentDecisions(recentDecisions)
            .halted(halted)
            .recentCandles(Optional.ofNullable(primary))
            .newestCandleClose(
                primary == null || primary.isEmpty()
                    ? Optional.empty()
                    : Optional.of(
                        Instant.ofEpochMilli(primary.closeTimeMillis(primary.size() - 1))))
            .build();
    recommendations = c.gridManager().get().recommend(ctx);
    recommendations.forEach(r -> c.listener().recommendationMade(symbol, r));
    return true;
  }

  private boolean store() {
    Instant now = c.clock().instant();
    CycleRecords.Builder records =
        new CycleRecords.Builder().symbol(symbol).asOf(asOf).addAllIncompleteReasons(incomplete);
    regime.ifPresent(
        r -> {
          String id = "dec-" + symbolText + "-" + stamp;
          decisionId = Optional.of(id);
          records.snapshot(
              new MetricsSnapshot.Builder()
                  .metadata(metadata("met-" + symbolText + "-" + stamp, now))
                  .symbol(symbol)
                  .regime(r)
                  .addAllExits(exits)
                  .balance(balance)
                  .marketData(marketData)
                  .putAllGridStatus(gridStatus())
                  .addAllIncompleteReasons(incomplete)
                  .build());
          records.decision(
              new DecisionRecord.Builder()
                  .metadata(metadata(id, now))
                  .symbol(symbol)
                  .regime(r)
                  .addAllExits(exits)
                  .addAllRecommendations(recommendations)
                  .marketData(marketData)
                  .balance(balance)
                  .configVersion(configVersion)
                  .addAllIncompleteReasons(incomplete)
                  .build());
        });
    exits.forEach(e -> records.addExitHistories(e.history()));
    candles.values().forEach(records::addRawCandles);
    CycleRecords cycle = records.build();
    long t0 = c.ticker().getAsLong();
    try {
      commitId = Optional.of(c.store().commitCycle(cycle));
    } catch (RuntimeException e) {
      c.listener()
          .storeCommitted(
              symbol, Duration.ofNanos(c.ticker().getAsLong() - t0), false, Optional.empty());
      throw e;
    }
    c.listener()
        .storeCommitted(
            symbol, Duration.ofNanos(c.ticker().getAsLong() - t0), true, c.store().lastPush());
    return true;
  }

  private boolean execute() {
    if (decisionId.isEmpty() || commitId.isEmpty()) {
      return true; // nothing is executed that the store did not record first
    }
    commands.addAll(c.control().execute(symbol, decisionId.get(), asOf, recommendations));
    return true;
  }

  private Map<String, String> gridStatus() {
    Map<String, String> m = new LinkedHashMap<>();
    grids.forEach(g -> m.put(g.id(), g.isRunning() ? "running" : "stopped"));
    return m;
  }

  private RecordMetadata metadata(String id, Instant now) {
    return new RecordMetadata.Builder()
        .recordId(id)
        .venue(c.exchange().id())
        .observedAt(asOf)
        .recordedAt(now)
        .libraryVersion(c.libraryVersion())
        .build();
  }

  private boolean notifyOperator() {
    List<Notification> out = new ArrayList<>();
    String base = decisionId.orElse(correlationId);
    for (ExitAssessment e : exits) {
      if (e.shouldNotify()) {
        out.add(
            notification(base + "-exit-" + e.gridId(), Notification.Kind.EXIT_STATE)
                .priority(NotificationPriority.of(e.priority()))
                .title(e.state() + ": " + e.gridId() + " (" + symbol + ")")
                .message(e.message())
                .gridId(e.gridId())
                .putField("exit_state", e.state().name())
                .putField("previous_state", e.previous().name())
                .putField("regime", regime.map(r -> r.verdict().name()).orElse("unknown"))
                .build());
      }
    }
    int i = 0;
    for (Recommendation r : recommendations) {
      i++;
      if (r.escalation() == Escalation.RECORD_ONLY) {
        continue;
      }
      out.add(
          notification(base + "-rec-" + i, Notification.Kind.RECOMMENDATION)
              .priority(
                  r.escalation() == Escalation.REQUIRE_APPROVAL
                      ? NotificationPriority.HIGH
                      : NotificationPriority.NORMAL)
              .title(r.action() + " " + symbol + " (confidence " + pct(r.confidence()) + ")")
              .message(String.join("\n", r.reasons()))
              .gridId(r.gridId())
              .putField("action", r.action().name())
              .putField("type", r.type().name())
              .putField("escalation", r.escalation().name())
              .putField("confidence", pct(r.confidence()))
              .build());
    }
    boolean ok = true;
    for (Notification n : out) {
      try {
        DeliveryReport report = c.notifier().deliver(n);
        deliveries.add(report);
        c.listener().notificationSent(n, report);
        ok &=
            report.status() != DeliveryReport.Status.FAILED
                && report.status() != DeliveryReport.Status.DEAD_LETTERED;
      } catch (RuntimeException ex) {
        ok = false;
        incomplete.add("notify: " + n.id() + ": " + ex.getMessage());
        LOG.warn("notification failed id={} error={}", n.id(), ex.toString());
      }
    }
    if (!ok && incomplete.stream().noneMatch(s -> s.startsWith("notify"))) {
      incomplete.add("notify: some notifications were not delivered");
    }
    return ok;
  }

  private Notification.Builder notification(String id, Notification.Kind kind) {
    Notification.Builder b = new Notification.Builder();
    b.id(id).kind(kind).symbol(symbol).createdAt(asOf);
    return b;
  }

  private static String pct(double confidence) {
    return Math.round(confidence * 100) + "%";
  }

  private boolean grade() {
    if (!c.config().gradeDecisions() || c.decisionGrader().isEmpty()) {
      return true;
    }
    CandleSeries primary = candles.get(c.config().primary());
    if (primary == null || primary.isEmpty()) {
      return true;
    }
    Optional<Instant> after = c.control().gradedUpTo(symbol).filter(t -> t.isBefore(asOf));
    List<DecisionRecord> open =
        after.isPresent()
            ? c.store().dueForEvaluation(after.get(), asOf)
            : c.store().awaitingEvaluation(asOf);
    c.control().graded(symbol, Optional.empty());
    for (DecisionRecord d : open) {
      if (!d.symbol().equals(symbol)) {
        continue;
      }
      Instant decidedAt = d.metadata().observedAt();
      for (EvaluationHorizon h : HORIZONS) {
        Instant due = decidedAt.plus(h.after());
        if (due.isAfter(asOf) || d.isGraded(h)) {
          continue;
        }
        CandleSeries path = primary.between(decidedAt, due);
        if (path.isEmpty()) {
          continue; // the history loaded no longer reaches back to the decision
        }
        EvaluationRecord e = c.decisionGrader().get().grade(d, h, path, asOf);
        c.store().appendEvaluation(e);
        evaluations.add(e);
      }
    }
    c.control().graded(symbol, Optional.of(asOf));
    return true;
  }

  private CycleResult result(Duration total) {
    CycleStatus status =
        incomplete.isEmpty()
            ? CycleStatus.COMPLETE
            : (regime.isEmpty() && commitId.isEmpty()
                ? CycleStatus.FAILED
                : CycleStatus.INCOMPLETE);
    return new CycleResult.Builder()
        .correlationId(correlationId)
        .symbol(symbol)
        .asOf(asOf)
        .status(status)
        .addAllIncompleteReasons(incomplete)
        .addAllFailedSteps(failed)
        .regime(regime)
        .addAllExits(exits)
        .addAllRecommendations(recommendations)
        .decisionId(decisionId)
        .commitId(commitId)
        .addAllDeliveries(deliveries)
        .addAllEvaluations(evaluations)
        .addAllCommands(commands)
        .putAllStepDurations(durations)
        .duration(total)
        .health(c.health())
        .build();
  }

  private void log(CycleResult r) {
    boolean error = r.duration().compareTo(c.config().slowCycleError()) > 0;
    boolean warn = !error && r.duration().compareTo(c.config().slowCycleWarning()) > 0;
    if (error ? !LOG.isErrorEnabled() : warn ? !LOG.isWarnEnabled() : !LOG.isInfoEnabled()) {
      return; // the line is not written: skip formatting it (String.format, every cycle)
    }
    long ms = r.duration().toMillis();
    String regimeName = r.regime().map(s -> s.verdict().name()).orElse("unknown");
    String confidence = r.regime().map(s -> String.format("%.2f", s.confidence())).orElse("n/a");
    if (error) {
      LOG.error(
          "cycle too slow symbol={} regime={} confidence={} duration_ms={} status={}",
          symbol,
          regimeName,
          confidence,
          ms,
          r.status());
    } else if (warn) {
      LOG.warn(
          "cycle slow symbol={} regime={} confidence={} duration_ms={} status={}",
          symbol,
          regimeName,
          confidence,
          ms,
          r.status());
    } else {
      LOG.info(
          "cycle finished symbol={} regime={} confidence={} duration_ms={} status={}"
              + " recommendations={} notifications={}",
          symbol,
          regimeName,
          confidence,
          ms,
          r.status(),
          r.recommendations().size(),
          r.deliveries().size());
    }
  }
}
