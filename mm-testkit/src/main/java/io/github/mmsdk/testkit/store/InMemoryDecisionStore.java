package io.github.mmsdk.testkit.store;

import io.github.mmsdk.api.Symbol;
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
import io.github.mmsdk.api.store.CycleRecords;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.api.store.MetricsSnapshot;
import io.github.mmsdk.api.store.RecordImmutableException;
import io.github.mmsdk.api.store.RecordNotFoundException;
import io.github.mmsdk.api.store.StoreException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A thread-safe {@link DecisionStore} in memory: the default store of backtests. It keeps every
 * record as the immutable value it was given (no copies, no serialization), per-symbol lists in
 * time order for range queries, and an index of the ungraded horizons by due time, so that {@link
 * #dueForEvaluation(Instant, Instant)} and {@link #awaitingEvaluation(Instant)} cost O(log n + k)
 * for k due horizons instead of a scan of every open decision. Raw candles are not kept. Passes
 * {@link DecisionStoreContract}.
 *
 * <p>Commit ids are {@code mem-1}, {@code mem-2}, ... in write order.
 */
public final class InMemoryDecisionStore implements DecisionStore {

  /** A decision whose record is replaced when something is appended to it. */
  private static final class Slot {
    DecisionRecord record;
    final Instant time;
    final long seq;

    /** The index entries of the horizons not yet graded, by horizon ordinal. */
    final Due[] due = new Due[EvaluationHorizon.values().length];

    /** The last query that collected this decision (to collect it once per query). */
    long mark;

    Slot(DecisionRecord record, long seq) {
      this.record = record;
      this.time = record.metadata().observedAt();
      this.seq = seq;
    }
  }

  /** One horizon of one decision, ordered by its due time; {@code graded} once it is. */
  private static final class Due {
    final Instant at;
    final long seq;
    final Slot slot;
    boolean graded;

    Due(Instant at, long seq, Slot slot) {
      this.at = at;
      this.seq = seq;
      this.slot = slot;
    }
  }

  /**
   * The ungraded horizons of one kind (24h, 72h or 7d) in due-time order: since every decision of a
   * kind is due a fixed time after it, decisions committed in time order append here. Graded
   * entries are flagged and skipped; those before {@code head} are all graded and are dropped once
   * they are half of the list.
   */
  private static final class DueQueue {
    final ArrayList<Due> entries = new ArrayList<>();
    int head;

    void add(Due d) {
      int n = entries.size();
      if (n == 0 || before(entries.get(n - 1), d)) {
        entries.add(d); // the usual case: decisions committed in time order
      } else {
        entries.add(Math.max(head, firstDueAfter(d.at, d.seq)), d);
      }
    }

    void graded(Due d) {
      d.graded = true;
      int n = entries.size();
      while (head < n && entries.get(head).graded) {
        head++;
      }
      if (head >= 64 && head * 2 >= n) {
        entries.subList(0, head).clear();
        head = 0;
      }
    }

    /** The first index at or after head whose entry sorts after (at, seq). */
    int firstDueAfter(Instant at, long seq) {
      int lo = head;
      int hi = entries.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        Due e = entries.get(mid);
        int c = e.at.compareTo(at);
        if (c < 0 || (c == 0 && e.seq <= seq)) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    private static boolean before(Due a, Due b) {
      int c = a.at.compareTo(b.at);
      return c < 0 || (c == 0 && a.seq < b.seq);
    }
  }

  private static final Comparator<Slot> BY_TIME =
      Comparator.comparing((Slot s) -> s.time).thenComparingLong(s -> s.seq);

  private final Object lock = new Object();
  private final Map<String, Slot> decisionsById = new HashMap<>();
  private final Map<Symbol, List<Slot>> decisionsBySymbol = new HashMap<>();
  private final Map<Symbol, List<MetricsSnapshot>> snapshotsBySymbol = new HashMap<>();

  /** Every ungraded horizon of every decision, by kind and due time: what grading asks for. */
  private final DueQueue[] dues = new DueQueue[EvaluationHorizon.values().length];

  {
    for (int i = 0; i < dues.length; i++) {
      dues[i] = new DueQueue();
    }
  }

  private long queries;

  private final Map<Symbol, Map<String, ExitHistory>> exits = new HashMap<>();
  private final Map<String, GridConfig> grids = new LinkedHashMap<>();
  private final List<ControlRecord> controls = new ArrayList<>();
  private final Set<String> controlIds = new HashSet<>();
  private final Map<LocalDate, Map<String, Double>> kpis = new HashMap<>();
  private final Optional<String> configVersion;
  private long version;
  private long seq;
  private boolean closed;

  /** Creates an empty store without a configuration version. */
  public InMemoryDecisionStore() {
    this(Optional.empty());
  }

  private InMemoryDecisionStore(Optional<String> configVersion) {
    this.configVersion = configVersion;
  }

  /**
   * Creates an empty store that reports a configuration version and stamps it on decisions that
   * have none.
   *
   * @param configVersion the version, e.g. a commit id
   * @return the store
   */
  public static InMemoryDecisionStore withConfigVersion(String configVersion) {
    return new InMemoryDecisionStore(Optional.of(configVersion));
  }

  @Override
  public String commitCycle(CycleRecords cycle) {
    synchronized (lock) {
      ensureOpen();
      MetricsSnapshot snapshot = cycle.snapshot().orElse(null);
      DecisionRecord decision = cycle.decision().orElse(null);
      if (snapshot != null) {
        List<MetricsSnapshot> list = snapshotsBySymbol.get(snapshot.symbol());
        Instant t = snapshot.metadata().observedAt();
        if (list != null && indexOfTime(list, t) >= 0) {
          throw new RecordImmutableException(
              snapshot.metadata().recordId(),
              "a snapshot of " + snapshot.symbol() + " at " + t + " is stored");
        }
      }
      if (decision != null) {
        if (decisionsById.containsKey(decision.id())) {
          throw new RecordImmutableException(decision.id(), "the decision is already stored");
        }
        if (decision.configVersion().isEmpty() && configVersion.isPresent()) {
          decision =
              new DecisionRecord.Builder().from(decision).configVersion(configVersion).build();
        }
      }
      // validated: apply everything (atomic under the lock)
      if (snapshot != null) {
        insertSnapshot(
            snapshotsBySymbol.computeIfAbsent(snapshot.symbol(), k -> new ArrayList<>()), snapshot);
      }
      if (decision != null) {
        Slot slot = new Slot(decision, ++seq);
        decisionsById.put(decision.id(), slot);
        insertSlot(
            decisionsBySymbol.computeIfAbsent(decision.symbol(), k -> new ArrayList<>()), slot);
        Set<EvaluationHorizon> graded = decision.gradedHorizons();
        for (EvaluationHorizon h : EvaluationHorizon.values()) {
          if (!graded.contains(h)) {
            Due d = new Due(slot.time.plus(h.after()), ++seq, slot);
            slot.due[h.ordinal()] = d;
            dues[h.ordinal()].add(d);
          }
        }
      }
      if (!cycle.exitHistories().isEmpty()) {
        Map<String, ExitHistory> bySymbol =
            exits.computeIfAbsent(cycle.symbol(), k -> new HashMap<>());
        for (ExitHistory h : cycle.exitHistories()) {
          bySymbol.put(h.gridId(), h);
        }
      }
      return nextVersion();
    }
  }

  @Override
  public String appendAction(ActionRecord action) {
    synchronized (lock) {
      ensureOpen();
      Slot slot = decisionsById.get(action.decisionId());
      if (slot == null) {
        throw new RecordNotFoundException(action.decisionId());
      }
      slot.record = new DecisionRecord.Builder().from(slot.record).addAction(action).build();
      return nextVersion();
    }
  }

  @Override
  public String appendEvaluation(EvaluationRecord evaluation) {
    synchronized (lock) {
      ensureOpen();
      Slot slot = decisionsById.get(evaluation.decisionId());
      if (slot == null) {
        throw new RecordNotFoundException(evaluation.decisionId());
      }
      for (EvaluationRecord e : slot.record.evaluations()) {
        if (e.horizon() == evaluation.horizon()) {
          throw new RecordImmutableException(
              evaluation.decisionId(), "horizon " + evaluation.horizon() + " is already graded");
        }
      }
      slot.record =
          new DecisionRecord.Builder().from(slot.record).addEvaluation(evaluation).build();
      Due d = slot.due[evaluation.horizon().ordinal()];
      if (d != null) {
        dues[evaluation.horizon().ordinal()].graded(d);
        slot.due[evaluation.horizon().ordinal()] = null;
      }
      return nextVersion();
    }
  }

  @Override
  public String addGrid(GridConfig grid) {
    synchronized (lock) {
      ensureOpen();
      if (grids.containsKey(grid.id())) {
        throw new RecordImmutableException(grid.id(), "a grid with this id exists");
      }
      grids.put(grid.id(), grid);
      return nextVersion();
    }
  }

  @Override
  public String appendGridHistory(String gridId, GridHistoryEntry entry) {
    synchronized (lock) {
      ensureOpen();
      GridConfig grid = grids.get(gridId);
      if (grid == null) {
        throw new RecordNotFoundException(gridId);
      }
      grids.put(gridId, grid.withHistoryEntry(entry));
      return nextVersion();
    }
  }

  @Override
  public String appendControl(ControlRecord record) {
    synchronized (lock) {
      ensureOpen();
      if (!controlIds.add(record.id())) {
        throw new RecordImmutableException(record.id(), "the control record is already stored");
      }
      // kept sorted by time, and in writing order among records of the same time
      int i = controls.size();
      while (i > 0 && controls.get(i - 1).at().isAfter(record.at())) {
        i--;
      }
      controls.add(i, record);
      return nextVersion();
    }
  }

  @Override
  public List<ControlRecord> controls(Instant from, Instant to) {
    synchronized (lock) {
      List<ControlRecord> out = new ArrayList<>();
      for (int i = lowerControl(from); i < controls.size(); i++) {
        ControlRecord r = controls.get(i);
        if (!r.at().isBefore(to)) {
          break;
        }
        out.add(r);
      }
      return out;
    }
  }

  private int lowerControl(Instant t) {
    int lo = 0;
    int hi = controls.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (controls.get(mid).at().isBefore(t)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public String writeKpis(LocalDate day, Map<String, Double> figures) {
    synchronized (lock) {
      ensureOpen();
      if (kpis.containsKey(day)) {
        throw new RecordImmutableException("kpis-" + day, "the day's KPIs are stored");
      }
      kpis.put(day, Collections.unmodifiableMap(new LinkedHashMap<>(figures)));
      return nextVersion();
    }
  }

  @Override
  public Map<String, Double> kpis(LocalDate day) {
    synchronized (lock) {
      return kpis.getOrDefault(day, Map.of());
    }
  }

  @Override
  public Optional<DecisionRecord> decision(String decisionId) {
    synchronized (lock) {
      Slot slot = decisionsById.get(decisionId);
      return slot == null ? Optional.empty() : Optional.of(slot.record);
    }
  }

  @Override
  public List<DecisionRecord> decisions(Symbol symbol, Instant from, Instant to) {
    synchronized (lock) {
      List<Slot> list = decisionsBySymbol.get(symbol);
      if (list == null || !to.isAfter(from)) {
        return Collections.emptyList();
      }
      int a = lowerSlot(list, from);
      List<DecisionRecord> out = new ArrayList<>();
      for (int i = a; i < list.size(); i++) {
        DecisionRecord d = list.get(i).record;
        if (!d.metadata().observedAt().isBefore(to)) {
          break;
        }
        if (!d.metadata().observedAt().isBefore(from)) {
          out.add(d);
        }
      }
      return out;
    }
  }

  @Override
  public List<MetricsSnapshot> snapshots(Symbol symbol, Instant from, Instant to) {
    synchronized (lock) {
      List<MetricsSnapshot> list = snapshotsBySymbol.get(symbol);
      if (list == null || !to.isAfter(from)) {
        return Collections.emptyList();
      }
      int a = lowerSnapshot(list, from);
      int b = lowerSnapshot(list, to);
      return a >= b ? Collections.emptyList() : List.copyOf(list.subList(a, b));
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Costs O(log n + k) for k ungraded horizons due by {@code asOf}, from an index of due times.
   */
  @Override
  public List<DecisionRecord> awaitingEvaluation(Instant asOf) {
    synchronized (lock) {
      return decisionsDue(null, asOf);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Costs O(log n + k) for k ungraded horizons due in the window, from an index of due times.
   */
  @Override
  public List<DecisionRecord> dueForEvaluation(Instant after, Instant asOf) {
    synchronized (lock) {
      if (!asOf.isAfter(after)) {
        return Collections.emptyList();
      }
      return decisionsDue(after, asOf);
    }
  }

  /**
   * The distinct decisions with an ungraded horizon due in (after, asOf] (from the start when
   * {@code after} is null), oldest first (ties in writing order).
   */
  private List<DecisionRecord> decisionsDue(Instant after, Instant asOf) {
    long query = ++queries;
    List<Slot> slots = null;
    for (DueQueue q : dues) {
      List<Due> entries = q.entries;
      int n = entries.size();
      for (int i = after == null ? q.head : q.firstDueAfter(after, Long.MAX_VALUE); i < n; i++) {
        Due d = entries.get(i);
        if (d.at.isAfter(asOf)) {
          break;
        }
        if (!d.graded && d.slot.mark != query) {
          d.slot.mark = query;
          if (slots == null) {
            slots = new ArrayList<>();
          }
          slots.add(d.slot);
        }
      }
    }
    if (slots == null) {
      return Collections.emptyList();
    }
    slots.sort(BY_TIME);
    List<DecisionRecord> out = new ArrayList<>(slots.size());
    slots.forEach(sl -> out.add(sl.record));
    return out;
  }

  @Override
  public ExitHistory exitHistory(Symbol symbol, String gridId) {
    synchronized (lock) {
      Map<String, ExitHistory> bySymbol = exits.get(symbol);
      ExitHistory h = bySymbol == null ? null : bySymbol.get(gridId);
      return h == null ? ExitHistory.empty(gridId) : h;
    }
  }

  @Override
  public List<GridConfig> grids() {
    synchronized (lock) {
      return List.copyOf(grids.values());
    }
  }

  @Override
  public Optional<String> configVersion() {
    return configVersion;
  }

  @Override
  public Health health() {
    synchronized (lock) {
      return new Health.Builder()
          .component("store:in-memory")
          .status(closed ? HealthStatus.DOWN : HealthStatus.UP)
          .putDetail("decisions", Integer.toString(decisionsById.size()))
          .putDetail("version", Long.toString(version))
          .build();
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("in-memory store is closed", null);
    }
  }

  private String nextVersion() {
    return "mem-" + (++version);
  }

  private static int indexOfTime(List<MetricsSnapshot> list, Instant t) {
    int i = lowerSnapshot(list, t);
    return i < list.size() && list.get(i).metadata().observedAt().equals(t) ? i : -1;
  }

  private static int lowerSnapshot(List<MetricsSnapshot> list, Instant t) {
    int lo = 0;
    int hi = list.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (list.get(mid).metadata().observedAt().isBefore(t)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static void insertSnapshot(List<MetricsSnapshot> list, MetricsSnapshot s) {
    int n = list.size();
    if (n == 0 || list.get(n - 1).metadata().observedAt().isBefore(s.metadata().observedAt())) {
      list.add(s); // the usual case: time order
    } else {
      list.add(lowerSnapshot(list, s.metadata().observedAt()), s);
    }
  }

  private static int lowerSlot(List<Slot> list, Instant t) {
    int lo = 0;
    int hi = list.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (list.get(mid).time.isBefore(t)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static void insertSlot(List<Slot> list, Slot slot) {
    int n = list.size();
    if (n == 0 || !list.get(n - 1).time.isAfter(slot.time)) {
      list.add(slot); // the usual case: time order
    } else {
      int lo = 0;
      int hi = n;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (!list.get(mid).time.isAfter(slot.time)) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      list.add(lo, slot); // after the decisions of the same time: writing order
    }
  }
}
