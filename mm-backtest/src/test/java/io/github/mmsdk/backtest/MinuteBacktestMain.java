package io.github.mmsdk.backtest;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.cycle.CycleListener;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.exit.DefaultExitEvaluator;
import io.github.mmsdk.grid.DefaultGridManager;
import io.github.mmsdk.grid.SimulatedDecisionGrader;
import io.github.mmsdk.regime.IncrementalRegimeEngine;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * A backtest of years of 1m candles through the product path, run in its own JVM by {@link
 * MinuteMemoryIT} (with {@code -Xmx128m}): {@link Backtest} over 1m candles (the replay exchange
 * holds them in primitive columns and aggregates the 1h and 4h candles the facade decides on), the
 * SDK's engines (regime, exits, gates, recommendations, records, 24h/72h/7d grading), an operator
 * following the recommendations, and the records in a {@link WindowedDecisionStore} whose retired
 * cycles go into a SHA-256 digest or, with {@code memory}, in a plain {@link
 * InMemoryDecisionStore}.
 *
 * <p>Arguments: days, store ({@code windowed} or {@code memory}), grids ({@code execute}: on the
 * simulated exchange, filled on the 1m path, the default; {@code store}: in the store only), sink
 * ({@code digest}: SHA-256 of every retired decision's text, the default; {@code count}). Prints
 * one line {@code RESULT key=value ...}.
 */
public final class MinuteBacktestMain {

  private static final Symbol SYMBOL = Symbol.of("ETH", "USDT");
  private static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
  private static final Duration WARM_UP = Duration.ofDays(60);
  private static final Instant BEGIN = Instant.EPOCH;
  private static final Instant END = Instant.parse("9999-01-01T00:00:00Z");

  private MinuteBacktestMain() {}

  /**
   * Runs the backtest.
   *
   * @param args days of candles, {@code windowed} or {@code memory}, {@code execute} or {@code
   *     store}, {@code digest} or {@code count}
   * @throws IOException when /proc cannot be read
   */
  public static void main(String[] args) throws IOException {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 1096;
    boolean windowed = args.length < 2 || args[1].equals("windowed");
    boolean execute = args.length < 3 || args[2].equals("execute");
    boolean digest = args.length < 4 || args[3].equals("digest");
    StringBuilder out = new StringBuilder("RESULT");
    run(days, windowed, execute, digest).forEach((k, v) -> put(out, k, v));
    System.out.println(out);
  }

  /**
   * Runs the backtest in this JVM.
   *
   * @param days days of 1m candles (the first 60 are history only)
   * @param windowed whether records go to a {@link WindowedDecisionStore}
   * @param execute whether the operator executes its grids on the simulated exchange
   * @param digest whether the sink digests every decision's full text (otherwise it counts the
   *     decisions and their evaluations)
   * @return what it did and measured, in order
   * @throws IOException when /proc cannot be read
   */
  static Map<String, Object> run(int days, boolean windowed, boolean execute, boolean digest)
      throws IOException {
    GcWatch gc = GcWatch.start();
    long t0 = System.nanoTime();
    CandleSeries minutes = MinuteHistory.generate(SYMBOL, START, days * 1440, 20261123L);
    long t1 = System.nanoTime();
    MessageDigest sha = sha256();
    long[] sunk = new long[2];
    WindowedDecisionStore window =
        windowed
            ? WindowedDecisionStore.builder()
                .onRetired(
                    c ->
                        c.decision()
                            .ifPresent(
                                d -> {
                                  sunk[0]++;
                                  sunk[1] += d.evaluations().size();
                                  if (digest) {
                                    update(sha, d);
                                  }
                                }))
                .build()
            : null;
    DecisionStore store = windowed ? window : new InMemoryDecisionStore();
    Instant to = Instant.ofEpochMilli(minutes.closeTimeMillis(minutes.size() - 1));
    BacktestResult r =
        Backtest.builder()
            .candles(minutes)
            .from(START.plus(WARM_UP))
            .to(to)
            .store(store)
            .followRecommendations(true)
            .executeGridsOnExchange(execute)
            .wiring(
                (exchange, st, clock) ->
                    MarketMaker.builder()
                        .exchange(exchange)
                        .store(st)
                        .clock(clock)
                        .regimeEngine(new IncrementalRegimeEngine())
                        .exitEvaluator(new DefaultExitEvaluator())
                        .gridManager(new DefaultGridManager())
                        .decisionGrader(new SimulatedDecisionGrader())
                        .listener(new Progress())
                        .closeAdapters(false)
                        .build())
            .build()
            .run();
    long t2 = System.nanoTime();
    if (windowed) {
      window.close();
    } else {
      store.decisions(SYMBOL, BEGIN, END).forEach(d -> update(sha, d));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "candles_1m", minutes.size());
    put(out, "cycles", r.cycles());
    put(out, "incomplete", r.incompleteCycles());
    put(out, "evaluations", r.evaluationsGraded());
    put(out, "grids_started", r.gridsStarted());
    put(out, "grids_stopped", r.gridsStopped());
    put(out, "grid_fills", r.gridFills());
    put(out, "store", windowed ? "windowed" : "memory");
    if (windowed) {
      put(out, "decisions_retired", window.retiredDecisions());
      put(out, "snapshots_retired", window.retiredSnapshots());
      put(out, "evaluations_retired", sunk[1]);
    }
    if (digest || !windowed) {
      put(out, "decision_digest", HexFormat.of().formatHex(sha.digest()));
    }
    put(out, "generate_s", secs(t1 - t0));
    put(out, "backtest_s", secs(t2 - t1));
    put(out, "cycles_per_s", String.format(Locale.ROOT, "%.0f", r.cycles() / ((t2 - t1) / 1e9)));
    put(out, "max_heap_mb", mb(Runtime.getRuntime().maxMemory()));
    long peakSum = 0;
    long oldAfterGc = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peakSum += p.getPeakUsage().getUsed();
        if (p.getCollectionUsage() != null && p.getName().contains("Old")) {
          oldAfterGc = Math.max(oldAfterGc, p.getCollectionUsage().getUsed());
        }
      }
    }
    put(out, "heap_pools_peak_sum_mb", mb(peakSum));
    put(out, "old_gen_after_last_gc_mb", mb(gc.oldAfterLast > 0 ? gc.oldAfterLast : oldAfterGc));
    put(out, "heap_after_gc_max_mb", mb(gc.heapAfterMax));
    long gcs = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcs += g.getCollectionCount();
      gcMillis += g.getCollectionTime();
    }
    put(out, "gc_count", gcs);
    put(out, "gc_s", secs(gcMillis * 1_000_000));
    System.gc();
    put(
        out,
        "heap_used_after_full_gc_mb",
        mb(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()));
    put(out, "rss_peak_mb", rssPeakMb());
    return out;
  }

  /** Watches every collection: the heap and the old generation left after each. */
  private static final class GcWatch implements NotificationListener {
    private volatile long heapAfterMax;
    private volatile long oldAfterLast;

    static GcWatch start() {
      GcWatch w = new GcWatch();
      for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (g instanceof NotificationEmitter e) {
          e.addNotificationListener(w, null, null);
        }
      }
      return w;
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
      if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
        return;
      }
      GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
      long heap = 0;
      long old = 0;
      for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
        String pool = e.getKey();
        if (pool.contains("Eden")
            || pool.contains("Survivor")
            || pool.contains("Old")
            || pool.contains("Tenured")) {
          heap += e.getValue().getUsed();
        }
        if (pool.contains("Old") || pool.contains("Tenured")) {
          old += e.getValue().getUsed();
        }
      }
      synchronized (this) {
        heapAfterMax = Math.max(heapAfterMax, heap);
        oldAfterLast = old;
      }
    }
  }

  /** A line on stderr every 1000 cycles: how far a run got when it runs out of memory. */
  private static final class Progress implements CycleListener {
    private long cycles;

    @Override
    public void cycleFinished(CycleResult result) {
      if (++cycles % 1000 == 0) {
        System.err.println("progress cycles=" + cycles + " at=" + result.asOf());
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest md, DecisionRecord d) {
    md.update(d.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void put(Map<String, Object> out, String key, Object value) {
    out.put(key, value);
  }

  private static void put(StringBuilder out, String key, Object value) {
    out.append(' ').append(key).append('=').append(value);
  }

  private static String secs(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
  }

  /** The resident set's high-water mark from /proc (Linux), or "n/a". */
  private static String rssPeakMb() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return "n/a";
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        return String.format(Locale.ROOT, "%.1f", kb / 1024.0);
      }
    }
    return "n/a";
  }
}
