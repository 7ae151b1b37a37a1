package io.github.mmsdk.samples.runner;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.MarketMakerException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.cycle.CycleConfig;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.store.git.GitDecisionStore;
import io.github.mmsdk.testkit.TestClock;
import io.github.mmsdk.testkit.exchange.ReplayExchange;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Fetches the lookbacks a cycle needs (270 days of 1h, 540 days of 4h candles by default) for some
 * symbols from a source into the store's raw data, so the first cycles, replays and reports find
 * them there.
 *
 * <p>Exit codes: 0 every series fetched, 1 some failed (the others are stored), 2 bad arguments.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = {
      "Fetch the lookbacks a cycle needs (1h: 270 days, 4h: 540 days) for some symbols from a"
          + " source into the store's raw_data/<SYMBOL>/<tf>/<date>.json, with a progress line.",
      "Exit code: 0 all fetched, 1 some series failed, 2 bad arguments."
    })
final class BackfillCommand implements Callable<Integer> {

  /** Candles per request: KuCoin's page size. */
  private static final int CHUNK = 1500;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--store", description = "Store folder (default: ${DEFAULT-VALUE}).")
  Path store = Path.of("market-maker-data");

  @Option(
      names = "--symbols",
      split = ",",
      description = "Symbols (default: ETH-USDT; a CSV source names its own).")
  List<String> symbols;

  @Option(names = "--source", description = "demo, csv:PATH or kucoin (default: ${DEFAULT-VALUE}).")
  String source = "demo";

  @Option(
      names = "--at",
      converter = InstantConverter.class,
      description =
          "Fill the lookbacks ending here (default: now for kucoin, the last candle for csv, the"
              + " demo command's last cycle for demo).")
  Instant at;

  @Option(names = "--seed", description = "Demo market seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Override
  public Integer call() {
    CandleSource src =
        CandleSource.parse(
            spec, source, CandleSource.Kind.DEMO, CandleSource.Kind.CSV, CandleSource.Kind.KUCOIN);
    List<Symbol> syms = new ArrayList<>();
    if (symbols != null) {
      for (String s : symbols) {
        syms.add(Runner.symbol(spec, s));
      }
    }
    Instant end = at;
    CandleSeries csv = null;
    if (src.kind() == CandleSource.Kind.CSV) {
      csv = src.hourly(Symbol.parse("ETH-USDT"), 0, seed);
      if (!syms.isEmpty() && !syms.equals(List.of(csv.symbol()))) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "the CSV file holds " + csv.symbol() + " only, not " + syms);
      }
      syms = List.of(csv.symbol());
      if (end == null && !csv.isEmpty()) {
        end = Instant.ofEpochMilli(csv.closeTimeMillis(csv.size() - 1));
      }
    }
    if (syms.isEmpty()) {
      syms = List.of(Symbol.parse("ETH-USDT"));
    }
    if (end == null) {
      end =
          src.kind() == CandleSource.Kind.KUCOIN
              ? Timeframe.H1.floor(Clock.systemUTC().instant())
              : Runner.DEMO_END;
    }
    TestClock clock = TestClock.at(end);
    Clock exchangeClock = src.kind() == CandleSource.Kind.KUCOIN ? Clock.systemUTC() : clock;
    CycleConfig config = CycleConfig.defaults();
    PrintWriter out = spec.commandLine().getOut();
    boolean terminal = System.console() != null;
    int failed = 0;
    try (ExchangeInterface exchange =
            csv != null
                ? ReplayExchange.builder(clock).id("csv").add(csv).build()
                : src.exchange(
                    exchangeClock, syms, Runner.DEMO_HOURS_AVAILABLE, seed, System.getenv());
        GitDecisionStore s = GitDecisionStore.open(store)) {
      for (Symbol sym : syms) {
        CycleRecords.Builder records = new CycleRecords.Builder().symbol(sym).asOf(end);
        for (Timeframe tf : config.timeframes()) {
          try {
            records.addRawCandles(fetch(exchange, sym, tf, end, config, out, terminal));
          } catch (MarketMakerException e) {
            failed++;
            out.printf("%n%s %s: failed: %s%n", sym, tf.label(), e.getMessage());
          }
        }
        s.commitCycle(records.build());
      }
      out.printf(
          "backfilled %s up to %s into %s%s%n",
          syms,
          end,
          store.toAbsolutePath().normalize(),
          failed == 0 ? "" : "; " + failed + " series failed");
    }
    return failed == 0 ? 0 : 1;
  }

  private static CandleSeries fetch(
      ExchangeInterface exchange,
      Symbol sym,
      Timeframe tf,
      Instant end,
      CycleConfig config,
      PrintWriter out,
      boolean terminal) {
    Instant from = tf.floor(end.minus(config.lookback(tf)));
    long total = Math.max(1, Duration.between(from, end).toMillis() / tf.millis());
    CandleSeries.Builder b = CandleSeries.builder(sym, tf, (int) total);
    Duration step = tf.duration().multipliedBy(CHUNK);
    for (Instant a = from; a.isBefore(end); a = a.plus(step)) {
      Instant z = a.plus(step).isAfter(end) ? end : a.plus(step);
      CandleSeries chunk = exchange.candles(sym, tf, a, z);
      for (int i = 0; i < chunk.size(); i++) {
        Instant t = chunk.openTime(i);
        if (b.lastOpenTime().map(t::isAfter).orElse(true)) {
          b.add(chunk.candle(i)); // pages may overlap at their bounds
        }
      }
      if (terminal) {
        long done = Math.min(total, Duration.between(from, z).toMillis() / tf.millis());
        out.printf(
            Locale.ROOT,
            "\r%s %-3s %6d/%d candles %3d%%",
            sym,
            tf.label(),
            b.size(),
            total,
            done * 100 / total);
        out.flush();
      }
    }
    CandleSeries s = b.build();
    out.printf(
        Locale.ROOT,
        "%s%s %-3s %d candles%s%n",
        terminal ? "\r" : "",
        sym,
        tf.label(),
        s.size(),
        s.isEmpty()
            ? " (the source has none in " + from + ".." + end + ")"
            : " " + s.openTime(0) + ".." + s.openTime(s.size() - 1));
    return s;
  }
}
