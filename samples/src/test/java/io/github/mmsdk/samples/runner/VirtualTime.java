package io.github.mmsdk.samples.runner;

import io.github.mmsdk.ops.Sleeper;
import io.github.mmsdk.testkit.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Simulated time for a scheduler with several lanes: the test clock moves only when every lane is
 * asleep, straight to the earliest wake-up, so each cycle runs with the clock standing at its slot
 * (plus the close delay) and nothing, the fake exchange included, sees a later time. Actions
 * registered with {@link #at} run at their instant while every lane sleeps (an operator acting
 * between two cycles). Once every lane waits past {@code stopAt}, the lanes park until the
 * scheduler interrupts them on close.
 */
final class VirtualTime implements Sleeper {
  private final TestClock clock;
  private final int lanes;
  private final Instant stopAt;
  private final List<Instant> waiting = new ArrayList<>();
  private final TreeMap<Instant, Runnable> actions = new TreeMap<>();
  private final CountDownLatch parked = new CountDownLatch(1);

  VirtualTime(TestClock clock, int lanes, Instant stopAt) {
    this.clock = clock;
    this.lanes = lanes;
    this.stopAt = stopAt;
  }

  /** Runs an action when the simulated time reaches an instant, with every lane asleep. */
  synchronized VirtualTime at(Instant when, Runnable action) {
    actions.put(when, action);
    return this;
  }

  @Override
  public synchronized void sleepUntil(Instant wakeAt) throws InterruptedException {
    waiting.add(wakeAt);
    try {
      while (clock.instant().isBefore(wakeAt)) {
        if (waiting.size() == lanes) {
          Instant next = Collections.min(waiting);
          if (next.isAfter(stopAt)) {
            parked.countDown();
          } else if (next.isAfter(clock.instant())) {
            Map.Entry<Instant, Runnable> due = actions.firstEntry();
            if (due != null && !due.getKey().isAfter(next)) {
              actions.pollFirstEntry();
              if (due.getKey().isAfter(clock.instant())) {
                clock.set(due.getKey());
              }
              due.getValue().run();
            } else {
              clock.set(next);
            }
            notifyAll();
            continue;
          }
        }
        wait();
      }
    } finally {
      waiting.remove(wakeAt);
    }
  }

  /** Waits until every lane waits past the stop; {@code false} on timeout. */
  boolean awaitParked(long seconds) throws InterruptedException {
    return parked.await(seconds, TimeUnit.SECONDS);
  }
}
