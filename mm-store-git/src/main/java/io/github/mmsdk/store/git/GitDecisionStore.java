package io.github.mmsdk.store.git;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.MarketMakerException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.decision.EvaluationHorizon;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.notify.DeadLetter;
import io.github.mmsdk.api.notify.DeadLetterSink;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.store.CorruptRecordException;
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.api.store.MetricsSnapshot;
import io.github.mmsdk.api.store.RecordImmutableException;
import io.github.mmsdk.api.store.RecordNotFoundException;
import io.github.mmsdk.api.store.StoreConflictException;
import io.github.mmsdk.api.store.StoreException;
import io.github.mmsdk.store.git.internal.AppendOnly;
import io.github.mmsdk.store.git.internal.GitRepo;
import io.github.mmsdk.store.git.internal.GitRepo.Snapshot;
import io.github.mmsdk.store.git.internal.RawCandles;
import io.github.mmsdk.store.git.internal.RecordMapper;
import io.github.mmsdk.store.git.internal.RemoteSync;
import io.github.mmsdk.store.git.internal.StoreLayout;
import io.github.mmsdk.store.git.internal.TamperCheck;
import io.github.mmsdk.store.git.internal.WireException;
import io.github.mmsdk.store.git.internal.WireSchema;
import io.github.mmsdk.store.git.internal.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DecisionStore} on a Git repository, written through JGit without a work tree.
 *
 * <p>Given only a folder it creates a bare repository there on first use ({@code git clone} the
 * folder to browse it). Each cycle is one commit holding its metrics snapshot, decision, exit-state
 * entries and new raw candles; the branch moves by compare-and-swap, so several writers (threads or
 * processes) on one repository never lose a commit. Decisions, exit states, grid histories and dead
 * letters only grow at their end; a write that would change earlier bytes is refused with {@link
 * RecordImmutableException}. With a remote, every commit is pushed; a rejected push is rebased and
 * retried once, a failed one stays local and goes with the next commit.
 *
 * <pre>{@code
 * try (GitDecisionStore store = GitDecisionStore.open(Path.of("market-maker-data"))) {
 *   String commit = store.commitCycle(cycle);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Layout: {@code ARCHITECTURE.md} section 4, except that metrics snapshots sit in a
 * folder per day ({@code metrics/<SYMBOL>/<YYYY-MM-DD>/<YYYY-MM-DD>-<HHmm>.yaml}).
 */
public final class GitDecisionStore implements DecisionStore, DeadLetterSink {
  private static final Logger LOG = LoggerFactory.getLogger(GitDecisionStore.class);
  private static final int PARALLEL_FROM = 32;
  private static final int DUE_DAYS_BY_NAME = 64;
  private static final int RAW_LOOKUPS = 8;

  private final GitRepo repo;
  private final Optional<RemoteSync> remote;
  private final GitDecisionStoreBuilder settings;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Map<ObjectId, Object> cache = new ConcurrentHashMap<>();
  private final Map<String, Read> read = new ConcurrentHashMap<>();
  private final Map<String, RawCoverage> rawCoverage = new ConcurrentHashMap<>();
  private final AtomicLong commits = new AtomicLong();
  private volatile boolean closed;
  private volatile Instant lastCommit;
  private volatile String lastFailure;

  /** Whether this thread's latest commit was pushed; null when it was not pushed (or no remote). */
  private final ThreadLocal<Boolean> lastPush = new ThreadLocal<>();

  private volatile Map.Entry<ObjectId, Map<String, String>> decisionIndex;
  private volatile Map.Entry<ObjectId, String> configVersionCache;
  private volatile Map.Entry<ObjectId, Set<String>> controlIdCache;
  private volatile Batch batch;

  GitDecisionStore(GitDecisionStoreBuilder b) {
    this.settings = b;
    this.repo = GitRepo.open(b.folder, b.clock, b.committerName, b.committerEmail);
    clearStaleLock();
    if (b.remote.isPresent()) {
      CredentialsProvider cp =
          b.username.isPresent()
              ? new UsernamePasswordCredentialsProvider(
                  b.username.get(), b.password.map(s -> s.reveal()).orElse(""))
              : null;
      RemoteSync sync = new RemoteSync(repo, b.remote.get(), cp, sshCallback(b));
      sync.attach();
      this.remote = Optional.of(sync);
    } else {
      this.remote = Optional.empty();
    }
    LOG.info(
        "store open path={} remote={} head={}",
        b.folder,
        b.remote.orElse("none"),
        repo.head().map(ObjectId::name).orElse("none"));
  }

  private static TransportConfigCallback sshCallback(GitDecisionStoreBuilder b) {
    if (b.sshKey.isEmpty()) {
      return null;
    }
    Path key = b.sshKey.get();
    Path sshDir = key.toAbsolutePath().getParent();
    SshdSessionFactory factory =
        new SshdSessionFactoryBuilder()
            .setHomeDirectory(sshDir.toFile())
            .setSshDirectory(sshDir.toFile())
            .setDefaultIdentities(dir -> List.of(key))
            .build(null);
    return transport -> {
      if (transport instanceof SshTransport) {
        ((SshTransport) transport).setSshSessionFactory(factory);
      }
    };
  }

  /**
   * Opens (or creates) the embedded store in a folder, without a remote.
   *
   * @param folder the folder
   * @return the store
   */
  public static GitDecisionStore open(Path folder) {
    return builder(folder).open();
  }

  /**
   * A builder for a store in a folder.
   *
   * @param folder the folder holding (or to hold) the repository
   * @return the builder
   */
  public static GitDecisionStoreBuilder builder(Path folder) {
    return new GitDecisionStoreBuilder(folder);
  }

  // ====================================================================== writes

  @Override
  public String commitCycle(CycleRecords cycle) {
    return write("cycle " + cycle.symbol() + " " + cycle.asOf(), snap -> cycleFiles(snap, cycle));
  }

  private Map<String, byte[]> cycleFiles(Snapshot snap, CycleRecords cycle) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    Symbol symbol = cycle.symbol();
    if (cycle.snapshot().isPresent()) {
      MetricsSnapshot s = cycle.snapshot().get();
      String path = StoreLayout.metrics(s.symbol(), s.metadata().observedAt());
      if (snap.id(path).isPresent()) {
        throw new RecordImmutableException(
            s.metadata().recordId(), "a snapshot is already stored at " + path);
      }
      ObjectNode body = RecordMapper.snapshot(s);
      files.put(path, AppendOnly.create(WireSchema.METRICS, body));
    }
    if (cycle.decision().isPresent()) {
      DecisionRecord d = cycle.decision().get();
      if (d.configVersion().isEmpty()) {
        Optional<String> cv = configVersion(snap);
        if (cv.isPresent()) {
          d = new DecisionRecord.Builder().from(d).configVersion(cv.get()).build();
        }
      }
      if (decisionExists(snap, d)) {
        throw new RecordImmutableException(d.id(), "the decision is already stored");
      }
      String path = StoreLayout.decision(d.id(), d.metadata().observedAt());
      List<ObjectNode> entries = new ArrayList<>();
      d.actions().forEach(a -> entries.add(wrap("action", RecordMapper.action(a))));
      d.evaluations().forEach(e -> entries.add(wrap("evaluation", RecordMapper.evaluation(e))));
      files.put(
          path,
          AppendOnly.create(
              WireSchema.DECISION, RecordMapper.decisionBody(d), "appended", entries));
    }
    if (!cycle.exitHistories().isEmpty()) {
      String path = StoreLayout.exitStates(symbol, StoreLayout.date(cycle.asOf()));
      List<ObjectNode> entries = new ArrayList<>();
      for (ExitHistory h : cycle.exitHistories()) {
        ObjectNode e = Yaml.object();
        e.put("at", cycle.asOf().toString());
        e.put("grid_id", h.gridId());
        e.set("history", RecordMapper.exitHistory(h));
        entries.add(e);
      }
      Optional<byte[]> existing = snap.read(path);
      if (existing.isPresent()) {
        files.put(path, AppendOnly.append(existing.get(), "entries", entries, path));
      } else {
        ObjectNode header = Yaml.object();
        header.put("symbol", symbol.toString());
        header.put("date", StoreLayout.date(cycle.asOf()).toString());
        files.put(path, AppendOnly.create(WireSchema.EXIT_STATE, header, "entries", entries));
      }
    }
    for (CandleSeries series : cycle.rawCandles()) {
      rawFiles(snap, series, files);
    }
    return files;
  }

  private void rawFiles(Snapshot snap, CandleSeries series, Map<String, byte[]> files) {
    // a cycle hands over its whole lookback (hundreds of days), nearly all of it stored already:
    // candles the folder is known to hold (RawCoverage) are skipped without a look at their files;
    // the other days get a merge-free check of their open times, and a merge when one is missing
    if (series.isEmpty()) {
      return;
    }
    String dir = StoreLayout.RAW + "/" + series.symbol() + "/" + series.timeframe().label();
    Optional<Object> lineage = snap.lineage();
    long version = snap.changes(dir);
    RawCoverage known = rawCoverage.get(dir);
    if (known != null && !known.holds(lineage, version, series.timeframe().millis())) {
      known = null;
    }
    // nothing known about a long series: one listing of the folder; else a lookup per day checked
    long days =
        StoreLayout.date(series.openTime(series.size() - 1)).toEpochDay()
            - StoreLayout.date(series.openTime(0)).toEpochDay();
    Map<String, ObjectId> stored = known == null && days > RAW_LOOKUPS ? snap.list(dir) : null;
    int written = 0;
    int i = 0;
    boolean allKnown = true;
    while (i < series.size()) {
      if (known != null) {
        int next = known.skip(series, i);
        if (next > i) {
          i = next;
          continue;
        }
      }
      allKnown = false;
      LocalDate day = StoreLayout.date(series.openTime(i));
      long dayEnd = (day.toEpochDay() + 1) * 86_400_000L;
      int j = i;
      while (j < series.size() && series.openTimeMillis(j) < dayEnd) {
        j++;
      }
      String path = StoreLayout.raw(series.symbol(), series.timeframe(), day);
      ObjectId id =
          stored != null
              ? stored.get(path.substring(dir.length() + 1))
              : snap.id(path).orElse(null);
      RawDay day0 = id == null ? null : rawDay(path, id, snap);
      if (day0 == null || !RawCandles.covers(day0.times(), series, i, j)) {
        Optional<byte[]> bytes =
            RawCandles.merge(
                Optional.ofNullable(day0).map(RawDay::lines),
                series.symbol(),
                series.timeframe(),
                day,
                series,
                i,
                j);
        if (bytes.isPresent()) {
          files.put(path, bytes.get());
          written++;
        }
      }
      i = j;
    }
    if (lineage.isPresent() && !allKnown) {
      // once this write is staged the folder holds the series too: the staged view's version of
      // the folder is then its current one plus the files written here
      rawCoverage.put(dir, RawCoverage.of(lineage.get(), version + written, series, known));
    }
  }

  /**
   * The open times a raw candle folder is known to hold, as runs of consecutive candles, for one
   * version of the folder in a staged view (its lineage and change count): a cycle's lookback is
   * checked against it without reading the day files. Valid only while the version is unchanged.
   */
  private record RawCoverage(Object lineage, long version, long step, long[] runs) {
    boolean holds(Optional<Object> currentLineage, long currentVersion, long currentStep) {
      return currentLineage.isPresent()
          && currentLineage.get() == lineage
          && currentVersion == version
          && currentStep == step;
    }

    /**
     * Skips the candles known to be stored from an index on.
     *
     * @param series the series
     * @param from the index to start at
     * @return the index of the first candle from {@code from} on not known to be stored
     */
    int skip(CandleSeries series, int from) {
      int i = from;
      while (i < series.size()) {
        long t = series.openTimeMillis(i);
        int run = find(t);
        if (run < 0) {
          return i;
        }
        // the series' candles one step apart stay in the run up to its end
        long end = runs[2 * run + 1];
        i++;
        while (i < series.size() && series.openTimeMillis(i) == t + step && t + step <= end) {
          t += step;
          i++;
        }
      }
      return i;
    }

    /** The run holding an open time, or -1. */
    private int find(long t) {
      int lo = 0;
      int hi = runs.length / 2 - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (t < runs[2 * mid]) {
          hi = mid - 1;
        } else if (t > runs[2 * mid + 1]) {
          lo = mid + 1;
        } else {
          return (t - runs[2 * mid]) % step == 0 ? mid : -1;
        }
      }
      return -1;
    }

    /** The runs of a series (consecutive open times one step apart), merged into known runs. */
    static RawCoverage of(Object lineage, long version, CandleSeries series, RawCoverage known) {
      long step = series.timeframe().millis();
      List<long[]> all = new ArrayList<>();
      if (known != null) {
        for (int k = 0; k < known.runs.length; k += 2) {
          all.add(new long[] {known.runs[k], known.runs[k + 1]});
        }
      }
      long start = series.openTimeMillis(0);
      long end = start;
      for (int i = 1; i < series.size(); i++) {
        long t = series.openTimeMillis(i);
        if (t != end + step) {
          all.add(new long[] {start, end});
          start = t;
        }
        end = t;
      }
      all.add(new long[] {start, end});
      all.sort(Comparator.comparingLong((long[] r) -> r[0]));
      List<long[]> merged = new ArrayList<>();
      for (long[] r : all) {
        long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
        // runs of one grid that touch or overlap become one; others stay apart
        if (last != null && r[0] <= last[1] + step && Math.floorMod(r[0] - last[0], step) == 0) {
          last[1] = Math.max(last[1], r[1]);
        } else {
          merged.add(r.clone());
        }
      }
      long[] runs = new long[merged.size() * 2];
      for (int k = 0; k < merged.size(); k++) {
        runs[2 * k] = merged.get(k)[0];
        runs[2 * k + 1] = merged.get(k)[1];
      }
      return new RawCoverage(lineage, version, step, runs);
    }
  }

  /** A stored raw candle day file: its lines by open time, and the open times in order. */
  private record RawDay(TreeMap<Long, String> lines, long[] times) {}

  private RawDay rawDay(String path, ObjectId id, Snapshot snap) {
    Object hit = cache.get(id);
    if (hit instanceof RawDay) {
      return (RawDay) hit;
    }
    try {
      TreeMap<Long, String> lines = RawCandles.lines(snap.bytes(id));
      long[] times = new long[lines.size()];
      int k = 0;
      for (long t : lines.keySet()) {
        times[k++] = t;
      }
      RawDay day = new RawDay(lines, times);
      remember(id, day);
      return day;
    } catch (WireException e) {
      throw new CorruptRecordException(path, 0, e.getMessage(), e);
    }
  }

  @Override
  public String appendAction(ActionRecord action) {
    return write(
        "action " + action.kind() + " on " + action.decisionId(),
        snap -> {
          String path =
              decisionPath(snap, action.decisionId())
                  .orElseThrow(() -> new RecordNotFoundException(action.decisionId()));
          byte[] existing = snap.read(path).orElseThrow();
          return Map.of(
              path,
              AppendOnly.append(
                  existing,
                  "appended",
                  List.of(wrap("action", RecordMapper.action(action))),
                  path));
        });
  }

  @Override
  public String appendEvaluation(EvaluationRecord evaluation) {
    return write(
        "evaluation " + evaluation.horizon() + " of " + evaluation.decisionId(),
        snap -> {
          String path =
              decisionPath(snap, evaluation.decisionId())
                  .orElseThrow(() -> new RecordNotFoundException(evaluation.decisionId()));
          ObjectId blob = snap.id(path).orElseThrow();
          DecisionRecord d = parse(path, blob, snap, WireSchema.DECISION, RecordMapper::decision);
          if (d.gradedHorizons().contains(evaluation.horizon())) {
            throw new RecordImmutableException(
                evaluation.decisionId(), "horizon " + evaluation.horizon() + " is already graded");
          }
          return Map.of(
              path,
              AppendOnly.append(
                  snap.bytes(blob),
                  "appended",
                  List.of(wrap("evaluation", RecordMapper.evaluation(evaluation))),
                  path));
        });
  }

  @Override
  public String addGrid(GridConfig grid) {
    return write(
        "grid " + grid.id() + " added",
        snap -> {
          String path = StoreLayout.grid(grid.id());
          if (snap.id(path).isPresent()) {
            throw new RecordImmutableException(grid.id(), "a grid with this id exists");
          }
          List<ObjectNode> entries = new ArrayList<>();
          grid.history().forEach(e -> entries.add(RecordMapper.gridEntry(e)));
          return Map.of(
              path,
              AppendOnly.create(WireSchema.GRID, RecordMapper.gridBody(grid), "history", entries));
        });
  }

  @Override
  public String appendGridHistory(String gridId, GridHistoryEntry entry) {
    return write(
        "grid " + gridId + " " + entry.event(),
        snap -> {
          String path = StoreLayout.grid(gridId);
          ObjectId blob = snap.id(path).orElseThrow(() -> new RecordNotFoundException(gridId));
          GridConfig grid = parse(path, blob, snap, WireSchema.GRID, RecordMapper::grid);
          grid.withHistoryEntry(entry); // validates the order of the history
          return Map.of(
              path,
              AppendOnly.append(
                  snap.bytes(blob), "history", List.of(RecordMapper.gridEntry(entry)), path));
        });
  }

  @Override
  public String appendControl(ControlRecord record) {
    return write(
        "control " + record.kind() + " " + record.id(),
        snap -> {
          if (controlIds(snap).contains(record.id())) {
            throw new RecordImmutableException(record.id(), "the control record is already stored");
          }
          String path = StoreLayout.control(StoreLayout.date(record.at()));
          ObjectNode entry = RecordMapper.control(record);
          Optional<ObjectId> existing = snap.id(path);
          if (existing.isEmpty()) {
            ObjectNode body = Yaml.object();
            body.put("date", StoreLayout.date(record.at()).toString());
            return Map.of(
                path, AppendOnly.create(WireSchema.CONTROL, body, "records", List.of(entry)));
          }
          return Map.of(
              path, AppendOnly.append(snap.bytes(existing.get()), "records", List.of(entry), path));
        });
  }

  /** The ids of every stored control record, remembered per version of the control folder. */
  private Set<String> controlIds(Snapshot snap) {
    Optional<ObjectId> tree = snap.id(StoreLayout.CONTROL);
    if (tree.isEmpty()) {
      return Set.of();
    }
    Map.Entry<ObjectId, Set<String>> known = controlIdCache;
    if (known != null && known.getKey().equals(tree.get())) {
      return known.getValue();
    }
    Set<String> ids = new HashSet<>();
    for (Map.Entry<String, ObjectId> f : snap.list(StoreLayout.CONTROL).entrySet()) {
      String path = StoreLayout.CONTROL + "/" + f.getKey();
      parse(path, f.getValue(), snap, WireSchema.CONTROL, RecordMapper::controls)
          .forEach(r -> ids.add(r.id()));
    }
    controlIdCache = Map.entry(tree.get().copy(), ids);
    return ids;
  }

  @Override
  public List<ControlRecord> controls(Instant from, Instant to) {
    ensureOpen();
    Snapshot snap = snapshot();
    List<ControlRecord> out = new ArrayList<>();
    Map<String, ObjectId> files = snap.list(StoreLayout.CONTROL);
    for (String name : days(snap, StoreLayout.CONTROL, from, to)) {
      String path = StoreLayout.CONTROL + "/" + name;
      for (ControlRecord r :
          parse(path, files.get(name), snap, WireSchema.CONTROL, RecordMapper::controls)) {
        if (!r.at().isBefore(from) && r.at().isBefore(to)) {
          out.add(r);
        }
      }
    }
    // stable: records of one instant keep their writing order
    out.sort(Comparator.comparing(ControlRecord::at));
    return out;
  }

  /**
   * Writes a day's KPI figures once; the file is immutable afterwards.
   *
   * @param day the day
   * @param figures KPI name to value
   * @return the commit id
   * @throws RecordImmutableException when the day's KPIs are already stored
   */
  @Override
  public String writeKpis(LocalDate day, Map<String, Double> figures) {
    return write(
        "kpis " + day,
        snap -> {
          String path = StoreLayout.kpis(day);
          if (snap.id(path).isPresent()) {
            throw new RecordImmutableException("kpis-" + day, "the day's KPIs are stored");
          }
          ObjectNode body = Yaml.object();
          body.put("date", day.toString());
          ObjectNode f = body.putObject("kpis");
          figures.forEach(f::put);
          return Map.of(path, AppendOnly.create(WireSchema.KPI, body));
        });
  }

  /**
   * A day's KPI figures.
   *
   * @param day the day
   * @return the figures, empty when none were written
   */
  @Override
  public Map<String, Double> kpis(LocalDate day) {
    ensureOpen();
    Snapshot snap = snapshot();
    String path = StoreLayout.kpis(day);
    return snap.id(path)
        .map(
            id ->
                parse(
                    path,
                    id,
                    snap,
                    WireSchema.KPI,
                    root -> {
                      Map<String, Double> out = new LinkedHashMap<>();
                      JsonNode k = root.path("kpis");
                      k.properties().forEach(e -> out.put(e.getKey(), e.getValue().asDouble()));
                      return out;
                    }))
        .orElse(Map.of());
  }

  private static ObjectNode wrap(String key, ObjectNode value) {
    ObjectNode o = Yaml.object();
    o.set(key, value);
    return o;
  }

  private String write(String message, Function<Snapshot, Map<String, byte[]>> changes) {
    ensureOpen();
    lastPush.remove(); // set again only when this write is committed and pushed
    Batch open = batch;
    if (open != null && open.owner == Thread.currentThread()) {
      return open.stage(message, changes);
    }
    writeLock.lock();
    try {
      ObjectId id;
      try {
        id = repo.commit(message, changes, settings.maxCommitAttempts);
      } catch (StoreConflictException e) {
        if (!clearStaleLock()) {
          throw e;
        }
        id = repo.commit(message, changes, settings.maxCommitAttempts); // a dead writer's lock
      }
      committed();
      return id.name();
    } catch (MarketMakerException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StoreException("cannot commit '" + message + "': " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Counts a commit and pushes it when a remote is configured. */
  private void committed() {
    commits.incrementAndGet();
    lastCommit = settings.clock.instant();
    remote.ifPresent(
        r -> {
          boolean pushed = r.push();
          lastPush.set(pushed);
          if (!pushed) {
            lastFailure = r.lastError().orElse("push failed");
          } else {
            lastFailure = null;
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Answered per thread: a write staged in a batch is pushed only when the batch closes, so it
   * answers empty until then.
   */
  @Override
  public Optional<Boolean> lastPush() {
    return Optional.ofNullable(lastPush.get());
  }

  // ====================================================================== batches

  /**
   * Opens a batch on the calling thread: until it is closed, every write of this thread (cycles,
   * actions, evaluations, grids, control records, KPIs, dead letters) is checked and staged in
   * memory instead of committed, this thread's reads see the staged writes, and {@link
   * Batch#close()} writes them all as one commit. A backtest that commits one batch per simulated
   * day writes a day of hourly cycles for the price of one commit.
   *
   * <pre>{@code
   * try (GitDecisionStore.Batch day = store.batch()) {
   *   for (Instant t = dayStart; t.isBefore(dayEnd); t = t.plus(Duration.ofHours(1))) {
   *     mm.runCycle(symbol, t);                 // commitCycle, appendEvaluation, ... are staged
   *   }
   * }                                           // one commit for the day
   * }</pre>
   *
   * <p>Guarantees are those of single writes: each staged write is refused (with nothing staged)
   * exactly when it would be refused on its own, and only appends to what the view holds; the
   * commit is atomic, so after a crash the store holds every write of a batch or none. Other
   * threads read the committed branch tip meanwhile, and their writes wait until the batch is
   * closed. A staged write returns {@code pending-<n>} instead of a commit id; the batch's commit
   * id is {@link Batch#commitId()} after closing. Configuration ({@link #writeConfig(Map)}) is
   * written outside batches.
   *
   * @return the open batch; close it on the same thread
   * @throws StoreException when this thread already has a batch open, or the store is closed
   */
  public Batch batch() {
    ensureOpen();
    writeLock.lock();
    if (batch != null) {
      writeLock.unlock();
      throw new StoreException("a batch is already open on this thread", null);
    }
    try {
      Batch b = new Batch(repo.batch());
      batch = b;
      return b;
    } catch (RuntimeException e) {
      writeLock.unlock();
      throw e;
    }
  }

  /**
   * Writes staged by one thread and committed together; see {@link GitDecisionStore#batch()}.
   * Closing commits what was staged (also when the block ended with an exception: what was staged
   * had been accepted, as it would have been committed without a batch), unless {@link #discard()}
   * was called.
   */
  public final class Batch implements AutoCloseable {
    private final GitRepo.Batch staged;
    private final Thread owner = Thread.currentThread();
    private final List<String> messages = new ArrayList<>();
    private boolean discarded;
    private boolean closed;
    private Optional<String> commitId = Optional.empty();

    private Batch(GitRepo.Batch staged) {
      this.staged = staged;
    }

    private String stage(String message, Function<Snapshot, Map<String, byte[]>> changes) {
      try {
        if (staged.stage(changes)) {
          messages.add(message);
        }
        return "pending-" + (messages.size());
      } catch (MarketMakerException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new StoreException("cannot stage '" + message + "': " + e.getMessage(), e);
      }
    }

    /** {@return how many staged writes changed something} */
    public int size() {
      return messages.size();
    }

    /**
     * {@return the commit written by {@link #close()}; empty before, or when nothing was staged}
     */
    public Optional<String> commitId() {
      return commitId;
    }

    /** Drops every staged write: closing then commits nothing. */
    public void discard() {
      discarded = true;
    }

    /**
     * Commits the staged writes as one commit (replayed on the new tip when another process moved
     * the branch meanwhile) and ends the batch; a second call does nothing.
     *
     * @throws StoreException when the batch cannot be committed, e.g. {@link
     *     StoreConflictException} when the branch kept moving, or the refusal of a write that no
     *     longer applies on the tip another writer made ({@link RecordImmutableException}); nothing
     *     is written then
     */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      if (owner != Thread.currentThread()) {
        throw new StoreException("a batch is closed on the thread that opened it", null);
      }
      closed = true;
      try {
        if (discarded || messages.isEmpty()) {
          return;
        }
        String message = batchMessage();
        Optional<ObjectId> id;
        try {
          id = staged.commit(message, settings.maxCommitAttempts);
        } catch (StoreConflictException e) {
          if (!clearStaleLock()) {
            throw e;
          }
          id = staged.commit(message, settings.maxCommitAttempts); // a dead writer's lock
        }
        commitId = id.map(ObjectId::name);
        committed();
        LOG.debug("batch committed writes={} commit={}", messages.size(), commitId.orElse(""));
      } catch (MarketMakerException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new StoreException("cannot commit a batch: " + e.getMessage(), e);
      } finally {
        batch = null;
        writeLock.unlock();
      }
    }

    private String batchMessage() {
      StringBuilder m = new StringBuilder();
      m.append("batch of ").append(messages.size()).append(" writes: ");
      m.append(messages.get(0));
      if (messages.size() > 1) {
        m.append(" .. ").append(messages.get(messages.size() - 1));
      }
      m.append("\n\n");
      for (String line : messages) {
        m.append(line).append('\n');
      }
      return m.toString();
    }
  }

  private Snapshot snapshot() {
    Batch open = batch;
    if (open != null && open.owner == Thread.currentThread()) {
      return open.staged.snapshot();
    }
    return repo.snapshot();
  }

  // ====================================================================== reads

  @Override
  public Optional<DecisionRecord> decision(String decisionId) {
    ensureOpen();
    Snapshot snap = snapshot();
    return decisionPath(snap, decisionId)
        .map(
            path ->
                parse(
                    path,
                    snap.id(path).orElseThrow(),
                    snap,
                    WireSchema.DECISION,
                    RecordMapper::decision))
        .filter(d -> d.id().equals(decisionId));
  }

  @Override
  public List<DecisionRecord> decisions(Symbol symbol, Instant from, Instant to) {
    ensureOpen();
    Snapshot snap = snapshot();
    List<DecisionRecord> out = new ArrayList<>();
    for (DecisionRecord d : decisionsOfDays(snap, days(snap, StoreLayout.DECISIONS, from, to))) {
      Instant t = d.metadata().observedAt();
      if (d.symbol().equals(symbol) && !t.isBefore(from) && t.isBefore(to)) {
        out.add(d);
      }
    }
    out.sort(Comparator.comparing((DecisionRecord d) -> d.metadata().observedAt()));
    return out;
  }

  /** The decisions recorded in the given day folders, in folder and file order. */
  private List<DecisionRecord> decisionsOfDays(Snapshot snap, Iterable<String> days) {
    List<Map.Entry<String, ObjectId>> files = new ArrayList<>();
    for (String day : days) {
      String dir = StoreLayout.DECISIONS + "/" + day;
      snap.list(dir).forEach((name, id) -> files.add(Map.entry(dir + "/" + name, id)));
    }
    return parseAll(files, snap, WireSchema.DECISION, RecordMapper::decision);
  }

  /** Parses many files, in parallel when there are enough of them to pay for it. */
  @SuppressWarnings("unchecked")
  private <T> List<T> parseAll(
      List<Map.Entry<String, ObjectId>> files,
      Snapshot snap,
      WireSchema schema,
      Function<JsonNode, T> f) {
    // one cache look-up per file: the hits are taken here, the misses parsed after
    Object[] out = new Object[files.size()];
    int misses = 0;
    for (int i = 0; i < out.length; i++) {
      Object hit = cache.get(files.get(i).getValue());
      out[i] = hit;
      if (hit == null) {
        misses++;
      }
    }
    if (misses < PARALLEL_FROM) {
      for (int i = 0; i < out.length; i++) {
        if (out[i] == null) {
          Map.Entry<String, ObjectId> e = files.get(i);
          out[i] = parseMiss(e.getKey(), e.getValue(), snap, schema, f);
        }
      }
    } else {
      // enough files to read for threads to pay for themselves
      java.util.stream.IntStream.range(0, out.length)
          .parallel()
          .filter(i -> out[i] == null)
          .forEach(
              i -> {
                Map.Entry<String, ObjectId> e = files.get(i);
                out[i] = parse(e.getKey(), e.getValue(), snap, schema, f);
              });
    }
    List<T> list = new ArrayList<>(out.length);
    for (Object o : out) {
      list.add((T) o);
    }
    return list;
  }

  @Override
  public List<MetricsSnapshot> snapshots(Symbol symbol, Instant from, Instant to) {
    ensureOpen();
    Snapshot snap = snapshot();
    String base = StoreLayout.METRICS + "/" + symbol;
    List<Map.Entry<String, ObjectId>> files = new ArrayList<>();
    for (String day : days(snap, base, from, to)) {
      String dir = base + "/" + day;
      snap.list(dir).forEach((name, id) -> files.add(Map.entry(dir + "/" + name, id)));
    }
    List<MetricsSnapshot> out = new ArrayList<>();
    for (MetricsSnapshot s : parseAll(files, snap, WireSchema.METRICS, RecordMapper::snapshot)) {
      Instant t = s.metadata().observedAt();
      if (!t.isBefore(from) && t.isBefore(to)) {
        out.add(s);
      }
    }
    out.sort(Comparator.comparing((MetricsSnapshot s) -> s.metadata().observedAt()));
    return out;
  }

  /**
   * The snapshots of the last hours before a time, oldest first (seed "HistoryLoader").
   *
   * @param symbol the pair
   * @param hours how many hours
   * @param asOf the end, exclusive
   * @return the snapshots
   */
  public List<MetricsSnapshot> lastHours(Symbol symbol, int hours, Instant asOf) {
    return snapshots(symbol, asOf.minusSeconds(3600L * hours), asOf);
  }

  private static List<String> days(Snapshot snap, String dir, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return List.of();
    }
    String first = StoreLayout.date(from).toString();
    String last = StoreLayout.date(to.minusNanos(1)).toString();
    List<String> out = new ArrayList<>();
    for (String name : snap.names(dir, first, last + Character.MAX_VALUE)) {
      String day = name.length() >= 10 ? name.substring(0, 10) : name;
      if (day.compareTo(first) >= 0 && day.compareTo(last) <= 0) {
        out.add(name);
      }
    }
    return out;
  }

  @Override
  public List<DecisionRecord> awaitingEvaluation(Instant asOf) {
    ensureOpen();
    Snapshot snap = snapshot();
    String last = StoreLayout.date(asOf).toString();
    List<String> days = new ArrayList<>();
    for (String day : snap.names(StoreLayout.DECISIONS)) {
      if (day.compareTo(last) <= 0) {
        days.add(day);
      }
    }
    List<DecisionRecord> out = new ArrayList<>();
    for (DecisionRecord d : decisionsOfDays(snap, days)) {
      for (EvaluationHorizon h : EvaluationHorizon.values()) {
        if (!d.metadata().observedAt().plus(h.after()).isAfter(asOf)
            && !d.gradedHorizons().contains(h)) {
          out.add(d);
          break;
        }
      }
    }
    out.sort(Comparator.comparing((DecisionRecord d) -> d.metadata().observedAt()));
    return out;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads only the day folders whose decisions can have a horizon in {@code (after, asOf]}: for
   * each horizon, the days of {@code (after - horizon, asOf - horizon]}. A cycle grading the hour
   * since the previous one reads three day folders (six when an hour crosses midnight) whatever the
   * size of the store.
   */
  @Override
  public List<DecisionRecord> dueForEvaluation(Instant after, Instant asOf) {
    ensureOpen();
    if (!asOf.isAfter(after)) {
      return List.of();
    }
    Snapshot snap = snapshot();
    java.util.SortedSet<String> days = new java.util.TreeSet<>();
    long span = 0;
    for (EvaluationHorizon h : EvaluationHorizon.values()) {
      LocalDate first = StoreLayout.date(after.minus(h.after()));
      LocalDate last = StoreLayout.date(asOf.minus(h.after()));
      span += last.toEpochDay() - first.toEpochDay() + 1;
    }
    if (span <= DUE_DAYS_BY_NAME) {
      for (EvaluationHorizon h : EvaluationHorizon.values()) {
        LocalDate last = StoreLayout.date(asOf.minus(h.after()));
        for (LocalDate d = StoreLayout.date(after.minus(h.after()));
            !d.isAfter(last);
            d = d.plusDays(1)) {
          days.add(d.toString());
        }
      }
    } else {
      // a long gap since the previous grading: pick the day folders from the listing
      for (String day : snap.names(StoreLayout.DECISIONS)) {
        for (EvaluationHorizon h : EvaluationHorizon.values()) {
          String first = StoreLayout.date(after.minus(h.after())).toString();
          String last = StoreLayout.date(asOf.minus(h.after())).toString();
          if (day.compareTo(first) >= 0 && day.compareTo(last) <= 0) {
            days.add(day);
            break;
          }
        }
      }
    }
    List<DecisionRecord> out = new ArrayList<>();
    for (DecisionRecord d : decisionsOfDays(snap, days)) {
      if (d.hasUngradedHorizonDue(after, asOf)) {
        out.add(d);
      }
    }
    out.sort(Comparator.comparing((DecisionRecord d) -> d.metadata().observedAt()));
    return out;
  }

  @Override
  public ExitHistory exitHistory(Symbol symbol, String gridId) {
    ensureOpen();
    Snapshot snap = snapshot();
    String dir = StoreLayout.EXIT_STATES + "/" + symbol;
    // newest day file first, one look-up each: the folder holds a file per day of history
    for (Map.Entry<String, ObjectId> f : snap.newestFirst(dir)) {
      List<ExitHistory> entries =
          parse(
              dir + "/" + f.getKey(),
              f.getValue(),
              snap,
              WireSchema.EXIT_STATE,
              RecordMapper::exitEntries);
      for (int k = entries.size() - 1; k >= 0; k--) {
        if (entries.get(k).gridId().equals(gridId)) {
          return entries.get(k);
        }
      }
    }
    return ExitHistory.empty(gridId);
  }

  /**
   * Every exit-state entry stored for a grid, oldest first (the audit trail of its states).
   *
   * @param symbol the pair
   * @param gridId the grid
   * @return the stored histories, one per cycle that wrote one
   */
  public List<ExitHistory> exitHistoryLog(Symbol symbol, String gridId) {
    ensureOpen();
    Snapshot snap = snapshot();
    String dir = StoreLayout.EXIT_STATES + "/" + symbol;
    List<ExitHistory> out = new ArrayList<>();
    for (Map.Entry<String, ObjectId> f : snap.list(dir).entrySet()) {
      for (ExitHistory h :
          parse(
              dir + "/" + f.getKey(),
              f.getValue(),
              snap,
              WireSchema.EXIT_STATE,
              RecordMapper::exitEntries)) {
        if (h.gridId().equals(gridId)) {
          out.add(h);
        }
      }
    }
    return out;
  }

  @Override
  public List<GridConfig> grids() {
    ensureOpen();
    Snapshot snap = snapshot();
    List<GridConfig> out = new ArrayList<>();
    for (Map.Entry<String, ObjectId> f : snap.list(StoreLayout.GRIDS).entrySet()) {
      if (f.getKey().endsWith(".yaml") || f.getKey().endsWith(".yml")) {
        out.add(
            parse(
                StoreLayout.GRIDS + "/" + f.getKey(),
                f.getValue(),
                snap,
                WireSchema.GRID,
                RecordMapper::grid));
      }
    }
    return out;
  }

  /**
   * The raw candles stored for a pair and timeframe in {@code [from, to)}, so a past evaluation can
   * be re-run from the store alone.
   *
   * @param symbol the pair
   * @param timeframe the timeframe
   * @param from start, inclusive
   * @param to end, exclusive
   * @return the candles, oldest first
   */
  @Override
  public CandleSeries rawCandles(Symbol symbol, Timeframe timeframe, Instant from, Instant to) {
    ensureOpen();
    Snapshot snap = snapshot();
    String dir = StoreLayout.RAW + "/" + symbol + "/" + timeframe.label();
    CandleSeries.Builder b = CandleSeries.builder(symbol, timeframe);
    Map<String, ObjectId> files = snap.list(dir);
    for (String day : days(snap, dir, from, to)) {
      String path = dir + "/" + day;
      ObjectId id = files.get(day);
      try {
        RawCandles.addTo(rawDay(path, id, snap).lines(), from.toEpochMilli(), to.toEpochMilli(), b);
      } catch (WireException e) {
        throw new CorruptRecordException(path, 0, e.getMessage(), e);
      }
    }
    return b.build();
  }

  @Override
  public Optional<String> configVersion() {
    ensureOpen();
    return configVersion(snapshot());
  }

  private Optional<String> configVersion(Snapshot snap) {
    if (snap.commit() == null) {
      return Optional.empty();
    }
    Optional<ObjectId> config = snap.id(StoreLayout.CONFIG);
    if (config.isEmpty()) {
      return Optional.empty();
    }
    Map.Entry<ObjectId, String> cached = configVersionCache;
    if (cached != null && cached.getKey().equals(config.get())) {
      return Optional.of(cached.getValue());
    }
    try (RevWalk walk = new RevWalk(repo.repository())) {
      RevCommit c = walk.parseCommit(snap.commit());
      RevCommit introduced = c;
      while (c.getParentCount() > 0) {
        RevCommit p = walk.parseCommit(c.getParent(0));
        Optional<ObjectId> pc = repo.snapshot(p).id(StoreLayout.CONFIG);
        if (pc.isEmpty() || !pc.get().equals(config.get())) {
          break;
        }
        introduced = p;
        c = p;
      }
      configVersionCache = Map.entry(config.get(), introduced.name());
      return Optional.of(introduced.name());
    } catch (IOException e) {
      throw new StoreException("cannot walk history: " + e.getMessage(), e);
    }
  }

  /**
   * A configuration loader that reads {@code config/} at the branch tip of this store.
   *
   * @return the loader
   */
  public ConfigLoader configLoader() {
    return new ConfigLoader(
        () -> {
          Snapshot snap = repo.snapshot();
          Map<String, byte[]> files = new TreeMap<>();
          collect(snap, StoreLayout.CONFIG, files);
          return new ConfigLoader.Source(files, configVersion(snap));
        },
        System.getenv());
  }

  private static void collect(Snapshot snap, String dir, Map<String, byte[]> out) {
    for (Map.Entry<String, ObjectId> e : snap.list(dir).entrySet()) {
      String path = dir + "/" + e.getKey();
      if (e.getKey().endsWith(".yaml") || e.getKey().endsWith(".yml")) {
        out.put(path, snap.bytes(e.getValue()));
      } else if (!e.getKey().contains(".")) {
        collect(snap, path, out);
      }
    }
  }

  /**
   * Writes configuration files (e.g. {@code config/rules.yaml}) as one commit; the new commit
   * becomes the {@link #configVersion()}.
   *
   * @param files path under the repository (must start with {@code config/}) to content
   * @return the commit id
   */
  public String writeConfig(Map<String, byte[]> files) {
    for (String p : files.keySet()) {
      if (!p.startsWith(StoreLayout.CONFIG + "/") || p.startsWith(StoreLayout.GRIDS + "/")) {
        throw new io.github.mmsdk.api.InvalidConfigurationException(
            "config.path", p + " is not a configuration file outside config/grids/");
      }
    }
    Batch open = batch;
    if (open != null && open.owner == Thread.currentThread()) {
      // a decision staged after the change could not name the commit that introduces it
      throw new StoreException("configuration is written outside a batch", null);
    }
    return write("config update " + files.keySet(), snap -> new LinkedHashMap<>(files));
  }

  private Optional<String> decisionPath(Snapshot snap, String decisionId) {
    if (snap.isEmpty()) {
      return Optional.empty();
    }
    Optional<LocalDate> idDay = dateOfId(decisionId);
    if (idDay.isPresent()) {
      // the usual id (dec-<SYMBOL>-<yyyyMMdd>-<HHmmss>) names its folder: no index needed
      String path =
          StoreLayout.DECISIONS + "/" + idDay.get() + "/" + StoreLayout.safe(decisionId) + ".yaml";
      if (snap.id(path).isPresent()) {
        return Optional.of(path);
      }
    }
    ObjectId tree = snap.id(StoreLayout.DECISIONS).orElse(null);
    if (tree == null) {
      return Optional.empty();
    }
    Map.Entry<ObjectId, Map<String, String>> idx = decisionIndex;
    if (idx == null || !idx.getKey().equals(tree)) {
      Map<String, String> names = new HashMap<>();
      for (String day : snap.names(StoreLayout.DECISIONS)) {
        String dir = StoreLayout.DECISIONS + "/" + day;
        for (String f : snap.names(dir)) {
          names.put(f, dir + "/" + f);
        }
      }
      idx = Map.entry(tree, names);
      decisionIndex = idx;
    }
    return Optional.ofNullable(idx.getValue().get(StoreLayout.safe(decisionId) + ".yaml"));
  }

  private static final java.util.regex.Pattern ID_DATE =
      java.util.regex.Pattern.compile(".*-(\\d{4})(\\d{2})(\\d{2})-\\d{6}$");

  private static Optional<LocalDate> dateOfId(String id) {
    java.util.regex.Matcher m = ID_DATE.matcher(id);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3))));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  private boolean decisionExists(Snapshot snap, DecisionRecord d) {
    String atObservation = StoreLayout.decision(d.id(), d.metadata().observedAt());
    if (snap.id(atObservation).isPresent()) {
      return true;
    }
    Optional<LocalDate> day = dateOfId(d.id());
    if (day.isPresent()) {
      // an id that names its day is stored in that day's folder or at its observation day
      return snap.id(
              StoreLayout.DECISIONS + "/" + day.get() + "/" + StoreLayout.safe(d.id()) + ".yaml")
          .isPresent();
    }
    return decisionPath(snap, d.id()).isPresent();
  }

  @SuppressWarnings("unchecked")
  private <T> T parse(
      String path, ObjectId blob, Snapshot snap, WireSchema schema, Function<JsonNode, T> f) {
    Object hit = cache.get(blob);
    if (hit != null) {
      return (T) hit;
    }
    return parseMiss(path, blob, snap, schema, f);
  }

  /** {@link #parse} of a blob not in the cache. */
  @SuppressWarnings("unchecked")
  private <T> T parseMiss(
      String path, ObjectId blob, Snapshot snap, WireSchema schema, Function<JsonNode, T> f) {
    byte[] bytes = snap.bytes(blob);
    Growing<?> growing = settings.cacheEntries == 0 ? null : GROWING.get(schema);
    if (growing != null) {
      Optional<Object> tail = parseTail(path, bytes, schema, growing);
      if (tail.isPresent()) {
        remember(blob, tail.get());
        read.put(path, new Read(bytes, tail.get()));
        return (T) tail.get();
      }
    }
    T value = parseFully(path, bytes, schema, f);
    remember(blob, value);
    if (growing != null) {
      if (read.size() >= READ_PATHS) {
        read.clear();
      }
      read.put(path, new Read(bytes, value));
    }
    return value;
  }

  /** How to extend a value read from an append-only document with the entries of its tail. */
  private record Growing<T>(String listKey, BiFunction<T, JsonNode, T> extend) {
    @SuppressWarnings("unchecked")
    Object apply(Object before, JsonNode tail) {
      return extend.apply((T) before, tail);
    }
  }

  private static final Map<WireSchema, Growing<?>> GROWING =
      Map.of(
          WireSchema.DECISION,
          new Growing<DecisionRecord>("appended", RecordMapper::decisionAppended),
          WireSchema.EXIT_STATE,
          new Growing<List<ExitHistory>>(
              "entries",
              (before, tail) -> {
                List<ExitHistory> all = new ArrayList<>(before);
                all.addAll(RecordMapper.exitEntries(tail));
                return all;
              }));

  /** The bytes of an append-only document as last read, and the value read from them. */
  private record Read(byte[] bytes, Object value) {}

  private static final int READ_PATHS = 512;

  /**
   * Reads only what was appended to a document since its previous read (a decision graded once
   * more, an exit-state day file one cycle longer): when the new bytes start with the old ones and
   * go on with list items, the tail alone is parsed, under the old header's schema version.
   * Anything else (a first read, a rewritten file, a tail that does not parse) reads the whole
   * file.
   */
  private Optional<Object> parseTail(
      String path, byte[] bytes, WireSchema schema, Growing<?> growing) {
    Read before = read.get(path);
    if (before == null) {
      return Optional.empty();
    }
    byte[] old = before.bytes();
    int n = old.length;
    if (bytes.length <= n + 2
        || old[n - 1] != '\n'
        || bytes[n] != '-'
        || bytes[n + 1] != ' '
        || !Arrays.equals(bytes, 0, n, old, 0, n)) {
      return Optional.empty();
    }
    int eol = 0;
    while (eol < n && old[eol] != '\n') {
      eol++;
    }
    String first = new String(old, 0, eol, StandardCharsets.UTF_8);
    if (!first.startsWith("schema_version:")) {
      return Optional.empty();
    }
    byte[] head = (first + "\n" + growing.listKey() + ":\n").getBytes(StandardCharsets.UTF_8);
    byte[] doc = new byte[head.length + bytes.length - n];
    System.arraycopy(head, 0, doc, 0, head.length);
    System.arraycopy(bytes, n, doc, head.length, bytes.length - n);
    try {
      return Optional.of(growing.apply(before.value(), schema.migrate(Yaml.read(doc))));
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.debug("reading {} whole: its tail did not parse alone ({})", path, e.getMessage());
      return Optional.empty();
    }
  }

  private <T> T parseFully(String path, byte[] bytes, WireSchema schema, Function<JsonNode, T> f) {
    T value;
    try {
      value = f.apply(schema.migrate(Yaml.read(bytes)));
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new CorruptRecordException(path, line, e.getOriginalMessage(), e);
    } catch (WireException e) {
      throw new CorruptRecordException(path, Yaml.lineOf(bytes, e.path()), e.getMessage(), e);
    } catch (MarketMakerException | IllegalStateException | IllegalArgumentException e) {
      throw new CorruptRecordException(path, 0, e.getMessage(), e);
    }
    return value;
  }

  private void remember(ObjectId blob, Object value) {
    if (settings.cacheEntries == 0) {
      return;
    }
    if (cache.size() >= settings.cacheEntries) {
      cache.clear();
    }
    cache.put(blob.copy(), value);
  }

  // ====================================================================== dead letters

  @Override
  public void deadLetter(Notification notification, DeliveryReport report) {
    write(
        "dead letter " + notification.id(),
        snap -> {
          Optional<String> existing = deadLetterPath(snap, notification.id());
          if (existing.isPresent()) {
            String path = existing.get();
            return Map.of(
                path,
                AppendOnly.append(
                    snap.read(path).orElseThrow(),
                    "attempts",
                    List.of(RecordMapper.attempt(report, false)),
                    path));
          }
          String path = StoreLayout.deadLetter(StoreLayout.date(report.at()), notification.id());
          ObjectNode body = Yaml.object();
          body.set("notification", RecordMapper.notification(notification));
          body.put("since", report.at().toString());
          return Map.of(
              path,
              AppendOnly.create(
                  WireSchema.DEAD_LETTER,
                  body,
                  "attempts",
                  List.of(RecordMapper.attempt(report, false))));
        });
  }

  @Override
  public List<DeadLetter> pending() {
    ensureOpen();
    Snapshot snap = snapshot();
    List<DeadLetter> out = new ArrayList<>();
    for (Map.Entry<String, Map.Entry<DeadLetter, Boolean>> e : deadLetters(snap).entrySet()) {
      if (!e.getValue().getValue()) {
        out.add(e.getValue().getKey());
      }
    }
    out.sort(Comparator.comparing(DeadLetter::since));
    return out;
  }

  @Override
  public void resolve(String notificationId, DeliveryReport report) {
    write(
        "dead letter " + notificationId + " resolved",
        snap -> {
          String path =
              deadLetterPath(snap, notificationId)
                  .orElseThrow(() -> new RecordNotFoundException(notificationId));
          Map.Entry<DeadLetter, Boolean> dl =
              parse(
                  path,
                  snap.id(path).orElseThrow(),
                  snap,
                  WireSchema.DEAD_LETTER,
                  RecordMapper::deadLetter);
          if (dl.getValue()) {
            throw new RecordImmutableException(notificationId, "already resolved");
          }
          return Map.of(
              path,
              AppendOnly.append(
                  snap.read(path).orElseThrow(),
                  "attempts",
                  List.of(RecordMapper.attempt(report, true)),
                  path));
        });
  }

  private Map<String, Map.Entry<DeadLetter, Boolean>> deadLetters(Snapshot snap) {
    Map<String, Map.Entry<DeadLetter, Boolean>> out = new TreeMap<>();
    for (String day : snap.names(StoreLayout.DEAD_LETTERS)) {
      String dir = StoreLayout.DEAD_LETTERS + "/" + day;
      for (Map.Entry<String, ObjectId> f : snap.list(dir).entrySet()) {
        String path = dir + "/" + f.getKey();
        out.put(
            path,
            parse(path, f.getValue(), snap, WireSchema.DEAD_LETTER, RecordMapper::deadLetter));
      }
    }
    return out;
  }

  private Optional<String> deadLetterPath(Snapshot snap, String id) {
    String name = StoreLayout.safe(id) + ".yaml";
    for (String day : snap.names(StoreLayout.DEAD_LETTERS)) {
      String dir = StoreLayout.DEAD_LETTERS + "/" + day;
      if (snap.names(dir).contains(name)) {
        return Optional.of(dir + "/" + name);
      }
    }
    return Optional.empty();
  }

  // ====================================================================== operations

  /**
   * Walks the whole history and reports every commit that rewrote or deleted a past record, every
   * record that cannot be read, and a branch that lost commits it had at the last verification
   * (non-fast-forward history). Records the verified tip for the next run.
   *
   * @return the report
   */
  public VerificationReport verify() {
    ensureOpen();
    writeLock.lock();
    try {
      return TamperCheck.run(repo);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Reports what a retention policy would archive at a time; changes nothing.
   *
   * @param policy the policy
   * @param asOf the time
   * @return the report
   */
  public RetentionReport retentionDryRun(RetentionPolicy policy, Instant asOf) {
    ensureOpen();
    Snapshot snap = repo.snapshot();
    RetentionReport.Builder b = new RetentionReport.Builder().asOf(asOf);
    int[] kept = {0};
    TamperCheck.files(
        repo,
        snap.tree(),
        (path, blob, size) -> {
          Optional<LocalDate> date = StoreLayout.dateIn(path);
          boolean archive = false;
          for (Map.Entry<String, java.time.Duration> k : policy.keep().entrySet()) {
            if (path.startsWith(k.getKey()) && date.isPresent()) {
              Instant end =
                  date.get().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
              if (end.plus(k.getValue()).isBefore(asOf)) {
                archive = true;
              }
            }
          }
          if (archive) {
            b.addCandidate(RetentionReport.Candidate.of(path, date.get(), size));
          } else {
            kept[0]++;
          }
        });
    return b.kept(kept[0]).build();
  }

  /**
   * Packs loose objects (JGit garbage collection without pruning reachable history). Run it now and
   * then, e.g. daily, to keep the repository small; after {@linkplain #batch() batches} (one pack
   * each, records stored whole) it also recompresses the records as deltas of each other.
   */
  public void maintain() {
    ensureOpen();
    writeLock.lock();
    try {
      repo.gc();
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Pushes unpushed commits now (also done after every commit when a remote is configured).
   *
   * @return whether the remote has every local commit
   */
  public boolean push() {
    ensureOpen();
    writeLock.lock();
    try {
      return remote.map(RemoteSync::push).orElse(true);
    } finally {
      writeLock.unlock();
    }
  }

  /** {@return the number of local commits not yet on the remote, 0 without a remote} */
  public int unpushedCommits() {
    return remote.map(RemoteSync::unpushed).orElse(0);
  }

  /** {@return the repository's folder} */
  public Path folder() {
    return settings.folder;
  }

  @Override
  public Health health() {
    Health.Builder b = new Health.Builder().component("store:git");
    if (closed) {
      return b.status(HealthStatus.DOWN).putDetail("reason", "closed").build();
    }
    try {
      b.putDetail("path", settings.folder.toString());
      b.putDetail("head", repo.head().map(ObjectId::name).orElse("none"));
      b.putDetail("commits_this_run", Long.toString(commits.get()));
      HealthStatus status = HealthStatus.UP;
      if (remote.isPresent()) {
        int unpushed = remote.get().unpushed();
        b.putDetail("remote", remote.get().uri());
        b.putDetail("unpushed_commits", Integer.toString(unpushed));
        if (lastFailure != null) {
          b.putDetail("last_push_error", lastFailure);
          status = HealthStatus.DEGRADED;
        }
      }
      if (lastCommit != null) {
        b.lastSuccess(lastCommit);
      }
      return b.status(status).build();
    } catch (RuntimeException e) {
      return b.status(HealthStatus.DOWN)
          .putDetail("reason", String.valueOf(e.getMessage()))
          .build();
    }
  }

  /**
   * Commits this thread's open batch, waits for the commit in flight, tries a last push, and closes
   * the repository.
   */
  @Override
  public void close() {
    Batch open = batch;
    if (open != null && open.owner == Thread.currentThread()) {
      open.close();
    }
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      remote.ifPresent(
          r -> {
            if (r.unpushed() > 0 && !r.push()) {
              LOG.warn(
                  "closing with unpushed commits count={} error={}",
                  r.unpushed(),
                  r.lastError().orElse(""));
            }
          });
      repo.close();
    } finally {
      writeLock.unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("store " + settings.folder + " is closed", null);
    }
  }

  private boolean clearStaleLock() {
    Path lock = repo.repository().getDirectory().toPath().resolve("refs/heads/main.lock");
    try {
      if (Files.exists(lock)) {
        Instant modified = Files.getLastModifiedTime(lock).toInstant();
        if (modified.plus(settings.staleLock).isBefore(settings.clock.instant())) {
          Files.deleteIfExists(lock);
          LOG.warn("removed stale ref lock left by a stopped writer path={}", lock);
          return true;
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot inspect ref lock path={} error={}", lock, e.getMessage());
    }
    return false;
  }
}
