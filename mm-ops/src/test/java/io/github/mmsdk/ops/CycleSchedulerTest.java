package io.github.mmsdk.ops;

import static io.github.mmsdk.ops.OpsFixtures.BTC;
import static io.github.mmsdk.ops.OpsFixtures.ETH;
import static io.github.mmsdk.ops.OpsFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.cycle.CycleConfig;
import io.github.mmsdk.api.cycle.CycleListener;
import io.github.mmsdk.api.cycle.CycleResult;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.regime.RegimeEngine;
import io.github.mmsdk.api.regime.RegimeInput;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.testkit.TestClock;
import io.github.mmsdk.testkit.exchange.ReplayExchange;
import io.github.mmsdk.testkit.exchange.SimulatedExchange;
import io.github.mmsdk.testkit.notify.RecordingNotifier;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CycleSchedulerTest {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Symbol XRP = Symbol.parse("XRP-USDT");

  private final TestClock clock = TestClock.at(T0.plusSeconds(5));
  private final SimulatedExchange exchange =
      SimulatedExchange.over(
              ReplayExchange.of(
                  clock,
                  OpsFixtures.hourly(ETH, T0.minus(Duration.ofDays(5)), 24 * 14),
                  OpsFixtures.hourly(BTC, T0.minus(Duration.ofDays(5)), 24 * 14)))
          .deposit("USDT", new BigDecimal("1000"))
          .build();
  private final InMemoryDecisionStore store = new InMemoryDecisionStore();
  private final RecordingNotifier notifier = new RecordingNotifier(clock);
  private final OperationalAlerts alerts = new OperationalAlerts(notifier, clock);
  private final Map<Symbol, List<Instant>> ran = new ConcurrentHashMap<>();
  private final CycleListener recorder =
      new CycleListener() {
        @Override
        public void cycleFinished(CycleResult result) {
          ran.computeIfAbsent(result.symbol(), s -> Collections.synchronizedList(new ArrayList<>()))
              .add(result.asOf());
        }
      };

  private MarketMaker facade(RegimeEngine engine) {
    return MarketMaker.builder()
        .exchange(exchange)
        .regimeEngine(engine)
        .store(store)
        .notifier(notifier)
        .clock(clock)
        .config(
            new CycleConfig.Builder()
                .timeframes(List.of(Timeframe.H1))
                .putLookback(Timeframe.H1, Duration.ofDays(3))
                .build())
        .listener(CycleListeners.composite(recorder, alerts))
        .closeAdapters(false)
        .build();
  }

  /**
   * A simulated sleeper: moves the test clock to the wake-up time, or parks (until the scheduler
   * interrupts it) once the wake-up time passes {@code stopAt}.
   */
  private Sleeper simulated(Instant stopAt, CountDownLatch parked) {
    return wakeAt -> {
      if (wakeAt.isAfter(stopAt)) {
        parked.countDown();
        new CountDownLatch(1).await();
      }
      synchronized (clock) {
        if (clock.instant().isBefore(wakeAt)) {
          clock.set(wakeAt);
        }
      }
    };
  }

  /** Runs a scheduler until every lane waits past {@code stopAt}, then closes it. */
  private void runUntil(CycleScheduler.Builder builder, Instant stopAt, int lanes)
      throws InterruptedException {
    CountDownLatch parked = new CountDownLatch(lanes);
    CycleScheduler scheduler = builder.sleeper(simulated(stopAt, parked)).build();
    scheduler.start();
    assertThat(parked.await(30, TimeUnit.SECONDS)).as("lanes reached the stop").isTrue();
    scheduler.close();
    scheduler.awaitTermination();
  }

  private static List<Instant> slots(Instant from, int count, Duration cadence) {
    return IntStream.range(0, count).mapToObj(i -> from.plus(cadence.multipliedBy(i))).toList();
  }

  private List<Instant> storedTimes(Symbol s) {
    return store.decisions(s, T0.minus(HOUR), T0.plus(Duration.ofDays(8))).stream()
        .map(d -> d.metadata().observedAt())
        .toList();
  }

  @Test
  void aSimulatedWeekWithARestartRunsEveryCycleOnceAndInOrder() throws InterruptedException {
    // first run: 3.5 days
    runUntil(
        CycleScheduler.builder(facade(new OpsFixtures.TrivialRegimeEngine()))
            .symbols(List.of(ETH, BTC))
            .clock(clock)
            .resumeFrom(store),
        T0.plus(Duration.ofHours(84)),
        2);
    assertThat(ran.get(ETH)).isEqualTo(slots(T0, 84, HOUR));
    // the process is down for six hours, then a new scheduler over the same store resumes
    clock.set(T0.plus(Duration.ofHours(90)).plusSeconds(10));
    runUntil(
        CycleScheduler.builder(facade(new OpsFixtures.TrivialRegimeEngine()))
            .symbols(List.of(ETH, BTC))
            .clock(clock)
            .resumeFrom(store),
        T0.plus(Duration.ofDays(7)),
        2);
    List<Instant> week = slots(T0, 168, HOUR);
    for (Symbol s : List.of(ETH, BTC)) {
      assertThat(ran.get(s)).as("cycles of %s, in order", s).isEqualTo(week);
      assertThat(storedTimes(s)).as("decisions of %s", s).isEqualTo(week);
    }
    assertThat(store.decisions(ETH, T0, T0.plus(Duration.ofDays(7))))
        .extracting(DecisionRecord::incompleteReasons)
        .allSatisfy(r -> assertThat(r).isEmpty());
    assertThat(notifier.delivered())
        .filteredOn(n -> n.kind() == Notification.Kind.OPERATIONAL_ALERT)
        .isEmpty();
  }

  @Test
  void fifteenMinuteCadenceIsAlignedToQuarterHours() throws InterruptedException {
    clock.set(T0.plus(Duration.ofMinutes(37)));
    runUntil(
        CycleScheduler.builder(facade(new OpsFixtures.TrivialRegimeEngine()))
            .symbols(List.of(ETH))
            .cadence(Duration.ofMinutes(15))
            .closeDelay(Duration.ofSeconds(2))
            .clock(clock),
        T0.plus(Duration.ofHours(6)),
        1);
    // first slot is the newest close (00:30), then every quarter hour up to 05:45
    assertThat(ran.get(ETH))
        .isEqualTo(slots(T0.plus(Duration.ofMinutes(30)), 22, Duration.ofMinutes(15)));
  }

  @Test
  void aSlowSymbolAndAFailingSymbolNeverDelayAnother() throws InterruptedException {
    CountDownLatch btcStuck = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RegimeEngine slowForBtc =
        new RegimeEngine() {
          final RegimeEngine trivial = new OpsFixtures.TrivialRegimeEngine();

          @Override
          public RegimeState evaluate(RegimeInput input) {
            if (input.symbol().equals(BTC) && btcStuck.getCount() > 0) {
              btcStuck.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return trivial.evaluate(input);
          }
        };
    CountDownLatch parked = new CountDownLatch(3);
    Instant stopAt = T0.plus(Duration.ofHours(24));
    CycleScheduler scheduler =
        CycleScheduler.builder(facade(slowForBtc))
            .symbols(List.of(BTC, XRP, ETH))
            .clock(clock)
            .sleeper(simulated(stopAt, parked))
            .build();
    scheduler.start();
    assertThat(btcStuck.await(30, TimeUnit.SECONDS)).isTrue();
    // BTC is stuck in its first cycle; wait for ETH and XRP (no data: every fetch fails) to finish
    // their whole day
    while (parked.getCount() > 1) {
      Thread.sleep(1);
    }
    assertThat(ran.get(ETH)).isEqualTo(slots(T0, 24, HOUR));
    assertThat(ran.get(XRP)).isEqualTo(slots(T0, 24, HOUR));
    assertThat(ran.get(BTC)).isNull();
    release.countDown();
    assertThat(parked.await(30, TimeUnit.SECONDS)).isTrue();
    scheduler.close();
    assertThat(ran.get(BTC)).isEqualTo(slots(T0, 24, HOUR)); // caught up, in order
    assertThat(alerts.openIncidents())
        .extracting(Incident::kind)
        .containsExactly(AlertKind.EXCHANGE_DOWN);
  }

  @Test
  void closeLetsTheRunningCycleFinishThenClosesTheFacade() throws InterruptedException {
    CountDownLatch inCycle = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RegimeEngine blocking =
        input -> {
          inCycle.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new OpsFixtures.TrivialRegimeEngine().evaluate(input);
        };
    MarketMaker mm = facade(blocking);
    CycleScheduler scheduler =
        CycleScheduler.builder(mm)
            .symbols(List.of(ETH))
            .clock(clock)
            .sleeper(simulated(T0.plus(Duration.ofDays(1)), new CountDownLatch(1)))
            .build();
    scheduler.start();
    assertThat(scheduler.nextSlots()).containsEntry(ETH, T0);
    assertThat(scheduler.firstSlots()).containsExactly(Map.entry(ETH, T0));
    assertThat(inCycle.await(30, TimeUnit.SECONDS)).isTrue();
    Thread closer = new Thread(scheduler::close);
    closer.start();
    while (closer.getState() != Thread.State.TIMED_WAITING && closer.isAlive()) {
      Thread.sleep(1);
    }
    assertThat(ran.get(ETH)).isNull(); // the cycle is still running while close waits
    release.countDown();
    closer.join();
    assertThat(ran.get(ETH)).containsExactly(T0); // it finished, and nothing started after
    assertThat(storedTimes(ETH)).containsExactly(T0);
    assertThatThrownBy(() -> mm.runCycle(ETH, T0.plus(HOUR)))
        .isInstanceOf(IllegalStateException.class);
    scheduler.close(); // idempotent
    assertThatThrownBy(scheduler::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aResumeOlderThanTheCatchUpWindowStartsAtTheNewestClose() throws InterruptedException {
    runUntil(
        CycleScheduler.builder(facade(new OpsFixtures.TrivialRegimeEngine()))
            .symbols(List.of(ETH))
            .clock(clock)
            .resumeFrom(store),
        T0.plus(Duration.ofHours(2)),
        1);
    clock.set(T0.plus(Duration.ofDays(3)).plusSeconds(30));
    runUntil(
        CycleScheduler.builder(facade(new OpsFixtures.TrivialRegimeEngine()))
            .symbols(List.of(ETH))
            .clock(clock)
            .maxCatchUp(Duration.ofHours(12))
            .resumeFrom(store),
        T0.plus(Duration.ofDays(3)).plus(Duration.ofHours(1)).plusSeconds(5),
        1);
    Instant restart = T0.plus(Duration.ofDays(3));
    assertThat(ran.get(ETH)).containsExactly(T0, T0.plus(HOUR), restart, restart.plus(HOUR));
  }

  @Test
  void aCadenceThatDoesNotDivideADayOrNoSymbolIsRefused() {
    MarketMaker mm = facade(new OpsFixtures.TrivialRegimeEngine());
    assertThatThrownBy(
            () ->
                CycleScheduler.builder(mm)
                    .symbols(List.of(ETH))
                    .cadence(Duration.ofMinutes(7))
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("scheduler.every");
    assertThatThrownBy(() -> CycleScheduler.builder(mm).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("scheduler.symbols");
    assertThatThrownBy(() -> CycleScheduler.builder(mm).closeDelay(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidConfigurationException.class);
    CycleScheduler s =
        CycleScheduler.builder(mm)
            .symbols(List.of(ETH, BTC))
            .drainTimeout(Duration.ofSeconds(1))
            .threadFactory(Thread::new)
            .closeFacade(true)
            .build();
    assertThat(s.cadence()).isEqualTo(HOUR);
    assertThat(s.symbols()).containsExactly(ETH, BTC);
    assertThat(s.slotAtOrBefore(T0.plusSeconds(3599))).isEqualTo(T0);
    s.close(); // never started: closes the facade
    assertThatThrownBy(s::start).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> mm.runCycle(ETH, T0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theSystemSleeperWaitsOnTheClock() throws InterruptedException {
    Sleeper real = Sleeper.system(clock);
    real.sleepUntil(clock.instant().minusSeconds(1)); // already passed: returns at once
    Instant wakeAt = clock.instant().plusMillis(20);
    Thread t =
        new Thread(
            () -> {
              try {
                real.sleepUntil(wakeAt);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.start();
    clock.advance(Duration.ofSeconds(1));
    t.join();
    assertThat(t.isAlive()).isFalse();
  }
}
