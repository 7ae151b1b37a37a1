package io.github.mmsdk.notify;

import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.notify.DeadLetterSink;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.Notifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each notification on every channel at once (seed 001, "Multi-Channel Strategy": Pushover
 * first when configured, the others optional). Channels run in parallel, so one channel's failure,
 * timeout or exception never blocks or prevents another. The report has channel {@code composite},
 * status {@code DELIVERED} when any channel delivered, and one entry per channel.
 */
public final class CompositeNotifier implements DurableNotifier {
  /** The channel name of the aggregate report. */
  public static final String CHANNEL = "composite";

  private static final Logger LOG = LoggerFactory.getLogger(CompositeNotifier.class);

  private final List<Notifier> channels;
  private final Clock clock;
  private final ExecutorService executor;

  private CompositeNotifier(List<Notifier> channels, Clock clock) {
    this.channels = List.copyOf(channels);
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "mmsdk-notify-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A composite of channels, in order; a {@link LogNotifier} when the list is empty.
   *
   * @param channels the channels, the primary first
   * @param clock the clock for reports
   * @return the composite
   */
  public static CompositeNotifier of(List<? extends Notifier> channels, Clock clock) {
    List<Notifier> list = new ArrayList<>(channels);
    if (list.isEmpty()) {
      list.add(new LogNotifier(clock));
    }
    return new CompositeNotifier(list, clock);
  }

  /**
   * The channels configured in the environment, in this order: Pushover (the primary), Telegram,
   * Slack, webhook; a {@link LogNotifier} alone when none is configured. All share one dead-letter
   * sink and use the default {@link DeliveryPolicy}.
   *
   * @param env the environment, e.g. {@code System.getenv()}
   * @param clock the clock
   * @param sink where undeliverable notifications go, e.g. the store's
   * @return the composite
   * @throws io.github.mmsdk.api.InvalidConfigurationException when a channel is partly or wrongly
   *     configured
   */
  public static CompositeNotifier fromEnvironment(
      Map<String, String> env, Clock clock, DeadLetterSink sink) {
    return fromEnvironment(env, clock, sink, DeliveryPolicy.defaults());
  }

  /**
   * The channels configured in the environment (see {@link #fromEnvironment(Map, Clock,
   * DeadLetterSink)}), each with the given delivery policy.
   *
   * @param env the environment, e.g. {@code System.getenv()}
   * @param clock the clock
   * @param sink where undeliverable notifications go, e.g. the store's
   * @param policy timeouts, retries and dead-letter expiry of every channel
   * @return the composite
   * @throws io.github.mmsdk.api.InvalidConfigurationException when a channel is partly or wrongly
   *     configured
   */
  public static CompositeNotifier fromEnvironment(
      Map<String, String> env, Clock clock, DeadLetterSink sink, DeliveryPolicy policy) {
    List<Notifier> list = new ArrayList<>();
    PushoverNotifier.configFromEnvironment(env)
        .map(c -> new PushoverConfig.Builder().from(c).delivery(policy).build())
        .ifPresent(c -> list.add(PushoverNotifier.builder(c, clock).deadLetterSink(sink).build()));
    TelegramNotifier.configFromEnvironment(env)
        .map(c -> new TelegramConfig.Builder().from(c).delivery(policy).build())
        .ifPresent(c -> list.add(TelegramNotifier.create(c, clock, sink)));
    SlackNotifier.configFromEnvironment(env)
        .map(c -> new SlackConfig.Builder().from(c).delivery(policy).build())
        .ifPresent(c -> list.add(SlackNotifier.create(c, clock, sink)));
    WebhookNotifier.configFromEnvironment(env)
        .map(c -> new WebhookConfig.Builder().from(c).delivery(policy).build())
        .ifPresent(c -> list.add(WebhookNotifier.create(c, clock, sink)));
    if (list.isEmpty()) {
      LOG.info("no notification channel configured; notifications go to the log");
    }
    return of(list, clock);
  }

  /**
   * The channels configured in the environment, with an {@link InMemoryDeadLetterSink}.
   *
   * @param env the environment, e.g. {@code System.getenv()}
   * @param clock the clock
   * @return the composite
   * @throws io.github.mmsdk.api.InvalidConfigurationException when a channel is partly or wrongly
   *     configured
   */
  public static CompositeNotifier fromEnvironment(Map<String, String> env, Clock clock) {
    return fromEnvironment(env, clock, new InMemoryDeadLetterSink(clock));
  }

  /** {@return the channels, the primary first} */
  public List<Notifier> channels() {
    return channels;
  }

  @Override
  public DeliveryReport deliver(Notification n) {
    List<Future<DeliveryReport>> futures = new ArrayList<>();
    for (Notifier channel : channels) {
      try {
        futures.add(executor.submit(() -> channel.deliver(n)));
      } catch (RejectedExecutionException e) {
        futures.add(
            CompletableFuture.completedFuture(
                report(n, channel, DeliveryReport.Status.SKIPPED, "notifier closed")));
      }
    }
    List<DeliveryReport> reports = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      Notifier channel = channels.get(i);
      try {
        reports.add(futures.get(i).get());
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        LOG.error(
            "channel threw instead of reporting notification_id={} channel={} error={}",
            n.id(),
            channel,
            cause.getClass().getSimpleName());
        reports.add(
            report(
                n,
                channel,
                DeliveryReport.Status.FAILED,
                "channel threw " + cause.getClass().getSimpleName()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reports.add(report(n, channel, DeliveryReport.Status.FAILED, "interrupted"));
      }
    }
    return aggregate(n, reports);
  }

  private DeliveryReport report(
      Notification n, Notifier channel, DeliveryReport.Status status, String error) {
    return new DeliveryReport.Builder()
        .notificationId(n.id())
        .channel(channel.toString())
        .status(status)
        .attempts(0)
        .at(clock.instant())
        .error(error)
        .build();
  }

  private DeliveryReport aggregate(Notification n, List<DeliveryReport> reports) {
    DeliveryReport.Status status;
    if (reports.stream().anyMatch(r -> r.status() == DeliveryReport.Status.DELIVERED)) {
      status = DeliveryReport.Status.DELIVERED;
    } else if (reports.stream().anyMatch(r -> r.status() == DeliveryReport.Status.DEAD_LETTERED)) {
      status = DeliveryReport.Status.DEAD_LETTERED;
    } else if (reports.stream().allMatch(r -> r.status() == DeliveryReport.Status.SKIPPED)) {
      status = DeliveryReport.Status.SKIPPED;
    } else {
      status = DeliveryReport.Status.FAILED;
    }
    DeliveryReport.Builder b = new DeliveryReport.Builder();
    b.notificationId(n.id())
        .channel(CHANNEL)
        .status(status)
        .attempts(reports.stream().mapToInt(DeliveryReport::attempts).sum())
        .at(clock.instant())
        .addAllChannels(reports);
    List<String> errors = new ArrayList<>();
    for (DeliveryReport r : reports) {
      if (r.status() != DeliveryReport.Status.DELIVERED) {
        r.error().ifPresent(e -> errors.add(r.channel() + ": " + e));
      }
    }
    if (!errors.isEmpty()) {
      b.error(String.join("; ", errors));
    }
    return b.build();
  }

  @Override
  public List<DeliveryReport> retryDeadLetters() {
    List<DeliveryReport> out = new ArrayList<>();
    for (Notifier channel : channels) {
      if (channel instanceof DurableNotifier) {
        out.addAll(((DurableNotifier) channel).retryDeadLetters());
      }
    }
    return out;
  }

  /**
   * The channels' health, aggregated: the worst of them.
   *
   * @return the health
   */
  @Override
  public Health health() {
    List<Health> parts = new ArrayList<>();
    for (Notifier channel : channels) {
      parts.add(channel.health());
    }
    return Health.aggregate("notifier:" + CHANNEL, parts);
  }

  /** Closes every channel (each drains), then stops the worker threads. */
  @Override
  public void close() {
    executor.shutdown();
    for (Notifier channel : channels) {
      try {
        channel.close();
      } catch (RuntimeException e) {
        LOG.warn(
            "channel failed to close channel={} error={}", channel, e.getClass().getSimpleName());
      }
    }
  }

  @Override
  public String toString() {
    return "CompositeNotifier" + channels;
  }
}
