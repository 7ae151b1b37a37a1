package io.github.mmsdk.api.cycle;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.exchange.GridCommand;
import io.github.mmsdk.api.exchange.GridCommandResult;
import io.github.mmsdk.api.exchange.GridExecution;
import io.github.mmsdk.api.exchange.OpenOrders;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.store.DecisionStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade's control state, kept in the store so that it survives a restart: the operator halt,
 * the idempotent execution of risk-reducing grid commands, the start-up reconciliation, and how far
 * each symbol's decisions were graded.
 *
 * <p>Every command record is stamped with its decision time (the wall time goes into the {@code
 * recorded_at} attribute), so the records of one decision's commands are found by a one-instant
 * range query whatever the store.
 */
final class ControlPlane {

  private static final Logger LOG = LoggerFactory.getLogger(MarketMaker.class);
  static final String SYSTEM = "system";
  private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

  private final ExchangeInterface exchange;
  private final DecisionStore store;
  private final Clock clock;
  private final CycleConfig config;
  private final ExchangeCalls calls;
  private final Object haltLock = new Object();
  private Optional<ControlRecord> halt = Optional.empty();
  private Instant lastSwitch = Instant.EPOCH;
  private boolean haltLoaded;
  private final ConcurrentMap<Symbol, Instant> gradedUpTo = new ConcurrentHashMap<>();

  ControlPlane(
      ExchangeInterface exchange,
      DecisionStore store,
      Clock clock,
      CycleConfig config,
      ExchangeCalls calls) {
    this.exchange = exchange;
    this.store = store;
    this.clock = clock;
    this.config = config;
    this.calls = calls;
  }

  /**
   * The halt in force. Read from the store's control records at every call (each cycle), from the
   * last halt or resume seen on, so that a halt recorded by another process (the runner's {@code
   * halt} command) reaches a running service at its next cycle.
   */
  Optional<ControlRecord> halt() {
    synchronized (haltLock) {
      Instant since = haltLoaded ? halt.map(ControlRecord::at).orElse(lastSwitch) : Instant.EPOCH;
      for (ControlRecord r : store.controls(since, END_OF_TIME)) {
        if (r.kind() == ControlRecord.Kind.HALT || r.kind() == ControlRecord.Kind.RESUME) {
          halt = r.kind() == ControlRecord.Kind.HALT ? Optional.of(r) : Optional.empty();
          lastSwitch = r.at();
        }
      }
      haltLoaded = true;
      return halt;
    }
  }

  ControlRecord setHalt(ControlRecord.Kind kind, String actor, String reason) {
    synchronized (haltLock) {
      halt();
      Instant now = clock.instant();
      ControlRecord r =
          new ControlRecord.Builder()
              .id(kind.name().toLowerCase() + "-" + now.toEpochMilli())
              .kind(kind)
              .at(now)
              .actor(actor)
              .reason(reason)
              .build();
      store.appendControl(r);
      halt = kind == ControlRecord.Kind.HALT ? Optional.of(r) : Optional.empty();
      lastSwitch = now;
      LOG.warn("operator {} recorded actor={} reason={}", kind, actor, reason);
      return r;
    }
  }

  /** The time up to which a symbol's decisions were graded, when a cycle graded them all. */
  Optional<Instant> gradedUpTo(Symbol symbol) {
    return Optional.ofNullable(gradedUpTo.get(symbol));
  }

  void graded(Symbol symbol, Optional<Instant> upTo) {
    if (upTo.isPresent()) {
      gradedUpTo.merge(symbol, upTo.get(), (a, b) -> a.isAfter(b) ? a : b);
    } else {
      gradedUpTo.remove(symbol); // the next cycle scans everything still open
    }
  }

  /**
   * Runs a decision's auto-executable recommendations through the exchange, at most once each.
   *
   * @return the exchange's answers (or the stored answer of a command executed before)
   */
  List<GridCommandResult> execute(
      Symbol symbol, String decisionId, Instant asOf, List<Recommendation> recommendations) {
    Optional<GridExecution> execution = exchange.gridExecution();
    if (execution.isEmpty() || !config.executeCommands()) {
      return List.of();
    }
    List<GridCommandResult> out = new ArrayList<>();
    int i = 0;
    for (Recommendation r : recommendations) {
      i++;
      if (!r.autoExecutable() || r.gridId().isEmpty()) {
        continue;
      }
      GridCommand command =
          new GridCommand.Builder()
              .idempotencyKey(decisionId + "-cmd-" + i)
              .kind(
                  r.action() == GridAction.REDUCE ? GridCommand.Kind.REDUCE : GridCommand.Kind.STOP)
              .symbol(symbol)
              .gridId(r.gridId().get())
              .reduceFraction(r.reduceFraction())
              .build();
      out.add(run(execution.get(), command, asOf));
    }
    return out;
  }

  private GridCommandResult run(GridExecution execution, GridCommand command, Instant at) {
    String key = command.idempotencyKey();
    Map<ControlRecord.Kind, ControlRecord> known = commandRecords(key, at);
    ControlRecord done = known.get(ControlRecord.Kind.COMMAND_DONE);
    if (done != null) {
      LOG.info("command already done key={} status={}", key, done.attributes().get("status"));
      return GridCommandResult.of(
          key, GridCommandResult.Status.ALREADY_EXECUTED, done.reason(), done.at());
    }
    if (!known.containsKey(ControlRecord.Kind.COMMAND_PENDING)) {
      // recorded before sending: a crash after this line is found by reconcile() and retried
      store.appendControl(commandRecord(ControlRecord.Kind.COMMAND_PENDING, command, at, ""));
    }
    GridCommandResult result =
        calls.call(command.symbol(), "execute_grid_command", () -> execution.execute(command));
    ControlRecord record =
        new ControlRecord.Builder()
            .from(commandRecord(ControlRecord.Kind.COMMAND_DONE, command, at, result.message()))
            .putAttribute("status", result.status().name())
            .build();
    store.appendControl(record);
    LOG.info(
        "command executed key={} kind={} grid_id={} status={}",
        key,
        command.kind(),
        command.gridId(),
        result.status());
    return result;
  }

  private Map<ControlRecord.Kind, ControlRecord> commandRecords(String key, Instant at) {
    Map<ControlRecord.Kind, ControlRecord> out = new LinkedHashMap<>();
    for (ControlRecord r : store.controls(at, at.plusMillis(1))) {
      if (r.key().filter(key::equals).isPresent()) {
        out.put(r.kind(), r);
      }
    }
    return out;
  }

  private ControlRecord commandRecord(
      ControlRecord.Kind kind, GridCommand command, Instant at, String reason) {
    String suffix = kind == ControlRecord.Kind.COMMAND_PENDING ? "-pending" : "-done";
    ControlRecord.Builder b =
        new ControlRecord.Builder()
            .id(command.idempotencyKey() + suffix)
            .kind(kind)
            .at(at)
            .actor(SYSTEM)
            .reason(reason)
            .symbol(command.symbol())
            .key(command.idempotencyKey())
            .putAttribute("command", command.kind().name())
            .putAttribute("grid_id", command.gridId())
            .putAttribute("recorded_at", clock.instant().toString());
    command.reduceFraction().ifPresent(f -> b.putAttribute("reduce_fraction", f.toString()));
    return b.build();
  }

  /**
   * Compares what the store believes with what the exchange reports and records every difference as
   * a finding; retries, under their own keys, commands that were left pending by a crash.
   */
  List<ControlRecord> reconcile(Duration lookback) {
    Instant now = clock.instant();
    List<String> findings = new ArrayList<>();
    Map<String, ControlRecord> pending = new LinkedHashMap<>();
    for (ControlRecord r : store.controls(now.minus(lookback), now.plusMillis(1))) {
      if (r.kind() == ControlRecord.Kind.COMMAND_PENDING) {
        pending.put(r.key().orElseThrow(), r);
      } else if (r.kind() == ControlRecord.Kind.COMMAND_DONE) {
        pending.remove(r.key().orElseThrow());
      }
    }
    Optional<GridExecution> execution =
        config.executeCommands() ? exchange.gridExecution() : Optional.empty();
    for (ControlRecord p : pending.values()) {
      String key = p.key().orElseThrow();
      if (execution.isEmpty()) {
        findings.add("command " + key + " was left pending and cannot be confirmed");
        continue;
      }
      GridCommand.Builder command =
          new GridCommand.Builder()
              .idempotencyKey(key)
              .kind(GridCommand.Kind.valueOf(p.attributes().get("command")))
              .symbol(p.symbol().orElseThrow())
              .gridId(p.attributes().get("grid_id"));
      Optional.ofNullable(p.attributes().get("reduce_fraction"))
          .map(Double::valueOf)
          .ifPresent(command::reduceFraction);
      GridCommandResult r = run(execution.get(), command.build(), p.at());
      findings.add(
          "command "
              + key
              + " was left pending; retried under the same key: "
              + r.status()
              + (r.message().isEmpty() ? "" : " (" + r.message() + ")"));
    }
    try {
      findings.addAll(gridFindings());
    } catch (RuntimeException e) {
      findings.add("the exchange could not be compared with the store: " + e.getMessage());
    }
    List<ControlRecord> out = new ArrayList<>();
    // a second reconciliation in the same millisecond numbers its findings after the first one's
    long n =
        findings.isEmpty()
            ? 0
            : store.controls(now, now.plusMillis(1)).stream()
                .filter(r -> r.kind() == ControlRecord.Kind.FINDING)
                .count();
    for (String f : findings) {
      ControlRecord record =
          new ControlRecord.Builder()
              .id("finding-" + now.toEpochMilli() + "-" + ++n)
              .kind(ControlRecord.Kind.FINDING)
              .at(now)
              .actor(SYSTEM)
              .reason(f)
              .build();
      store.appendControl(record);
      out.add(record);
      LOG.warn("reconciliation finding reason={}", f);
    }
    LOG.info("reconciled pending_commands={} findings={}", pending.size(), out.size());
    return out;
  }

  private List<String> gridFindings() {
    List<String> out = new ArrayList<>();
    List<GridConfig> running = store.grids().stream().filter(GridConfig::isRunning).toList();
    if (running.isEmpty()) {
      return out;
    }
    Optional<OpenOrders> orders = exchange.openOrders();
    if (orders.isPresent()) {
      for (GridConfig g : running) {
        OpenOrders open = orders.get();
        if (calls.call(g.symbol(), "open_orders", () -> open.openOrders(g.symbol())).isEmpty()) {
          out.add(
              "grid "
                  + g.id()
                  + " runs in the store but the exchange shows no open order on "
                  + g.symbol());
        }
      }
    }
    BigDecimal allocated =
        running.stream().map(GridConfig::allocation).reduce(BigDecimal.ZERO, BigDecimal::add);
    AccountBalance balance = exchange.balance(config.quoteCurrency());
    if (allocated.compareTo(balance.total()) > 0) {
      out.add(
          "running grids allocate "
              + allocated.toPlainString()
              + " "
              + config.quoteCurrency()
              + " but the account holds "
              + balance.total().toPlainString());
    }
    return out;
  }
}
