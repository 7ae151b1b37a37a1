package io.github.mmsdk.notify.internal;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.notify.DeadLetter;
import io.github.mmsdk.api.notify.DeadLetterSink;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications on one channel: retries transient failures with exponential backoff
 * (Failsafe), hands what it could not deliver to a {@link DeadLetterSink} exactly once, retries
 * pending dead letters, refuses duplicates (the notification id is the idempotency key) and reports
 * health. Thread-safe.
 */
public final class ChannelDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelDelivery.class);
  private static final int REMEMBERED_IDS = 10_000;
  private static final int DOWN_AFTER_FAILURES = 3;

  private final String channel;
  private final DeadLetterSink sink;
  private final Clock clock;
  private final Redactor redactor;
  private final Transport transport;
  private final RetryPolicy<Attempt> retryPolicy;
  private final Duration deadLetterMaxAge;
  private final Duration drainTimeout;
  private final BiConsumer<Notification, DeliveryReport> onDelivered;

  private final Object lock = new Object();
  private final Set<String> delivered = boundedSet();
  private final Set<String> inFlight = new HashSet<>();
  private final Set<String> deadLettered = new HashSet<>();
  private final ReentrantLock retryLock = new ReentrantLock();
  private int active;
  private boolean closed;
  private final Object loadLock = new Object();
  private volatile boolean pendingLoaded;
  private long deliveredCount;
  private long deadLetteredCount;
  private int consecutiveFailures;
  private Instant lastSuccess;
  private String lastError;

  /**
   * Creates a delivery engine.
   *
   * @param channel the channel name, e.g. {@code pushover}
   * @param maxAttempts attempts per delivery, at least 1
   * @param initialBackoff the first retry delay
   * @param maxBackoff the largest retry delay
   * @param deadLetterMaxAge how long a dead letter is retried before it expires
   * @param drainTimeout how long {@link #close()} waits for in-flight deliveries
   * @param sink where undeliverable notifications go
   * @param clock the clock
   * @param redactor removes secrets from error texts
   * @param transport makes one attempt
   * @param onDelivered called after each successful delivery (also of a dead letter)
   */
  public ChannelDelivery(
      String channel,
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration deadLetterMaxAge,
      Duration drainTimeout,
      DeadLetterSink sink,
      Clock clock,
      Redactor redactor,
      Transport transport,
      BiConsumer<Notification, DeliveryReport> onDelivered) {
    this.channel = channel;
    this.sink = sink;
    this.clock = clock;
    this.redactor = redactor;
    this.transport = transport;
    this.deadLetterMaxAge = deadLetterMaxAge;
    this.drainTimeout = drainTimeout;
    this.onDelivered = onDelivered;
    RetryPolicyBuilder<Attempt> b =
        RetryPolicy.<Attempt>builder()
            .handle(IOException.class)
            .handleResultIf(a -> !a.ok() && a.retryable())
            .withMaxAttempts(maxAttempts)
            // a server's Retry-After is honoured up to the largest backoff; -1 = the backoff
            .withDelayFn(
                ctx -> {
                  Attempt last = ctx.getLastResult();
                  return last == null
                      ? Duration.ofMillis(-1)
                      : last.retryAfter()
                          .map(d -> d.compareTo(maxBackoff) > 0 ? maxBackoff : d)
                          .orElse(Duration.ofMillis(-1));
                });
    if (initialBackoff.compareTo(maxBackoff) < 0) {
      b = b.withBackoff(initialBackoff, maxBackoff);
    } else {
      b = b.withDelay(initialBackoff);
    }
    this.retryPolicy = b.build();
  }

  /** {@return the channel name} */
  public String channel() {
    return channel;
  }

  /**
   * Delivers a notification, retrying transient failures; never throws.
   *
   * @param n the notification
   * @return what happened
   */
  public DeliveryReport deliver(Notification n) {
    loadPendingOnce();
    String id = n.id();
    synchronized (lock) {
      if (closed) {
        return skipped(n, "notifier closed");
      }
      if (delivered.contains(id) || inFlight.contains(id)) {
        return skipped(n, "duplicate: already delivered on " + channel);
      }
      if (deadLettered.contains(id)) {
        return skipped(n, "duplicate: already dead-lettered on " + channel);
      }
      inFlight.add(id);
      active++;
    }
    DeliveryReport report = null;
    try {
      AtomicInteger attempts = new AtomicInteger();
      Attempt result = attemptWithRetries(n, attempts);
      if (result.ok()) {
        report = success(n, attempts.get(), result);
      } else {
        report = deadLetter(n, attempts.get(), result.error().orElse("failed"));
      }
      return report;
    } finally {
      synchronized (lock) {
        inFlight.remove(id);
        active--;
        lock.notifyAll();
      }
      if (report != null && report.status() == DeliveryReport.Status.DELIVERED) {
        retryPendingAfterSuccess();
      }
    }
  }

  private Attempt attemptWithRetries(Notification n, AtomicInteger attempts) {
    try {
      return Failsafe.with(retryPolicy)
          .get(
              ctx -> {
                int attempt = attempts.incrementAndGet();
                try {
                  Attempt a = transport.send(n);
                  if (!a.ok()) {
                    LOG.debug(
                        "delivery attempt failed channel={} notification_id={} attempt={}"
                            + " status={} retryable={} error={}",
                        channel,
                        n.id(),
                        attempt,
                        a.statusCode(),
                        a.retryable(),
                        a.error().orElse(""));
                  }
                  return a;
                } catch (IOException e) {
                  LOG.debug(
                      "delivery attempt failed channel={} notification_id={} attempt={} error={}",
                      channel,
                      n.id(),
                      attempt,
                      redactor.describe(e));
                  throw e;
                }
              });
    } catch (FailsafeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Attempt.networkFailure(redactor.describe(cause));
    } catch (RuntimeException e) {
      return Attempt.permanentFailure(0, redactor.describe(e));
    }
  }

  private DeliveryReport success(Notification n, int attempts, Attempt result) {
    Instant now = clock.instant();
    DeliveryReport.Builder b = new DeliveryReport.Builder();
    b.notificationId(n.id())
        .channel(channel)
        .status(DeliveryReport.Status.DELIVERED)
        .attempts(attempts)
        .at(now);
    result.receipt().ifPresent(b::receipt);
    DeliveryReport report = b.build();
    synchronized (lock) {
      delivered.add(n.id());
      deadLettered.remove(n.id());
      deliveredCount++;
      consecutiveFailures = 0;
      lastSuccess = now;
    }
    LOG.debug(
        "notification delivered channel={} notification_id={} attempts={}",
        channel,
        n.id(),
        attempts);
    try {
      onDelivered.accept(n, report);
    } catch (RuntimeException e) {
      LOG.warn(
          "post-delivery hook failed channel={} notification_id={} error={}",
          channel,
          n.id(),
          redactor.describe(e));
    }
    return report;
  }

  private DeliveryReport deadLetter(Notification n, int attempts, String error) {
    String safeError = redactor.redact(error);
    DeliveryReport report =
        new DeliveryReport.Builder()
            .notificationId(n.id())
            .channel(channel)
            .status(DeliveryReport.Status.DEAD_LETTERED)
            .attempts(attempts)
            .at(clock.instant())
            .error(safeError)
            .build();
    synchronized (lock) {
      consecutiveFailures++;
      lastError = safeError;
    }
    try {
      sink.deadLetter(n, report);
    } catch (RuntimeException e) {
      LOG.error(
          "dead-letter sink refused notification channel={} notification_id={} error={}",
          channel,
          n.id(),
          redactor.describe(e));
      return new DeliveryReport.Builder()
          .from(report)
          .status(DeliveryReport.Status.FAILED)
          .error(safeError + "; dead-letter sink failed: " + redactor.describe(e))
          .build();
    }
    synchronized (lock) {
      deadLettered.add(n.id());
      deadLetteredCount++;
    }
    LOG.warn(
        "notification dead-lettered channel={} notification_id={} attempts={} error={}",
        channel,
        n.id(),
        attempts,
        safeError);
    return report;
  }

  /**
   * Learns, once, which notifications of this channel already wait in the sink (e.g. from before a
   * restart), so that they are not sent again by {@link #deliver} but by {@link #retryDeadLetters}.
   */
  private void loadPendingOnce() {
    if (pendingLoaded) {
      return;
    }
    synchronized (loadLock) {
      if (pendingLoaded) {
        return;
      }
      try {
        List<String> ids = new ArrayList<>();
        for (DeadLetter dl : sink.pending()) {
          if (ownChannel(dl)) {
            ids.add(dl.notification().id());
          }
        }
        synchronized (lock) {
          deadLettered.addAll(ids);
        }
      } catch (RuntimeException e) {
        LOG.warn("dead-letter sink unreadable channel={} error={}", channel, redactor.describe(e));
      }
      pendingLoaded = true;
    }
  }

  private boolean ownChannel(DeadLetter dl) {
    return !dl.attempts().isEmpty()
        && channel.equals(dl.attempts().get(dl.attempts().size() - 1).channel());
  }

  private void retryPendingAfterSuccess() {
    boolean worthIt;
    synchronized (lock) {
      worthIt = !closed && !deadLettered.isEmpty();
    }
    if (worthIt) {
      retryDeadLetters();
    }
  }

  /**
   * Retries, once each, the pending dead letters of this channel; expires those older than the
   * maximum age. Each outcome is recorded with {@link DeadLetterSink#resolve}. Never throws.
   *
   * @return the outcome of each retried or expired dead letter
   */
  public List<DeliveryReport> retryDeadLetters() {
    if (!retryLock.tryLock()) {
      return List.of();
    }
    try {
      synchronized (lock) {
        if (closed) {
          return List.of();
        }
        active++;
      }
      try {
        return retryPending();
      } finally {
        synchronized (lock) {
          active--;
          lock.notifyAll();
        }
      }
    } finally {
      retryLock.unlock();
    }
  }

  private List<DeliveryReport> retryPending() {
    List<DeadLetter> pending;
    try {
      pending = sink.pending();
    } catch (RuntimeException e) {
      LOG.warn("dead-letter sink unreadable channel={} error={}", channel, redactor.describe(e));
      return List.of();
    }
    List<DeliveryReport> out = new ArrayList<>();
    for (DeadLetter dl : pending) {
      if (!ownChannel(dl)) {
        continue;
      }
      Notification n = dl.notification();
      int previous = dl.attempts().stream().mapToInt(DeliveryReport::attempts).sum();
      Instant now = clock.instant();
      DeliveryReport report;
      if (Duration.between(dl.since(), now).compareTo(deadLetterMaxAge) > 0) {
        report =
            new DeliveryReport.Builder()
                .notificationId(n.id())
                .channel(channel)
                .status(DeliveryReport.Status.FAILED)
                .attempts(previous)
                .at(now)
                .error("expired: undelivered for longer than " + deadLetterMaxAge)
                .build();
        LOG.error(
            "dead letter expired channel={} notification_id={} attempts={}",
            channel,
            n.id(),
            previous);
        synchronized (lock) {
          deadLettered.remove(n.id());
        }
      } else {
        Attempt a;
        try {
          a = transport.send(n);
        } catch (IOException e) {
          a = Attempt.networkFailure(redactor.describe(e));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (RuntimeException e) {
          a = Attempt.permanentFailure(0, redactor.describe(e));
        }
        if (a.ok()) {
          report = success(n, previous + 1, a);
          LOG.info(
              "dead letter delivered channel={} notification_id={} attempts={}",
              channel,
              n.id(),
              previous + 1);
        } else {
          String error = redactor.redact(a.error().orElse("failed"));
          report =
              new DeliveryReport.Builder()
                  .notificationId(n.id())
                  .channel(channel)
                  .status(DeliveryReport.Status.DEAD_LETTERED)
                  .attempts(previous + 1)
                  .at(clock.instant())
                  .error(error)
                  .build();
          synchronized (lock) {
            deadLettered.add(n.id());
            lastError = error;
          }
        }
      }
      try {
        sink.resolve(n.id(), report);
      } catch (RuntimeException e) {
        LOG.warn(
            "dead-letter sink refused resolution channel={} notification_id={} error={}",
            channel,
            n.id(),
            redactor.describe(e));
      }
      out.add(report);
    }
    return out;
  }

  /**
   * The channel's health from the last deliveries (no I/O): DOWN after three failed deliveries in a
   * row, DEGRADED after one or with pending dead letters, UP otherwise.
   *
   * @param component the component name
   * @return the health
   */
  public Health health(String component) {
    synchronized (lock) {
      HealthStatus status;
      if (closed) {
        status = HealthStatus.DOWN;
      } else if (consecutiveFailures >= DOWN_AFTER_FAILURES) {
        status = HealthStatus.DOWN;
      } else if (consecutiveFailures > 0 || !deadLettered.isEmpty()) {
        status = HealthStatus.DEGRADED;
      } else {
        status = HealthStatus.UP;
      }
      Health.Builder b = new Health.Builder();
      b.component(component)
          .status(status)
          .putDetail("channel", channel)
          .putDetail("delivered", Long.toString(deliveredCount))
          .putDetail("dead_lettered", Long.toString(deadLetteredCount))
          .putDetail("dead_letters_pending", Integer.toString(deadLettered.size()))
          .putDetail("consecutive_failures", Integer.toString(consecutiveFailures));
      if (closed) {
        b.putDetail("reason", "closed");
      }
      if (lastError != null) {
        b.putDetail("last_error", lastError);
      }
      if (lastSuccess != null) {
        b.lastSuccess(lastSuccess);
      }
      return b.build();
    }
  }

  /** Stops taking notifications and waits (bounded) for in-flight deliveries to finish. */
  public void close() {
    synchronized (lock) {
      closed = true;
      long deadline = System.nanoTime() + drainTimeout.toNanos();
      while (active > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.warn(
              "close timed out with deliveries in flight channel={} in_flight={}", channel, active);
          return;
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private DeliveryReport skipped(Notification n, String why) {
    return new DeliveryReport.Builder()
        .notificationId(n.id())
        .channel(channel)
        .status(DeliveryReport.Status.SKIPPED)
        .attempts(0)
        .at(clock.instant())
        .error(why)
        .build();
  }

  private static Set<String> boundedSet() {
    return java.util.Collections.newSetFromMap(
        new LinkedHashMap<String, Boolean>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
          }
        });
  }
}
