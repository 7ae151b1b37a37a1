package io.github.mmsdk.notify;

import static io.github.mmsdk.notify.FakeServer.hang;
import static io.github.mmsdk.notify.FakeServer.ok;
import static io.github.mmsdk.notify.FakeServer.reset;
import static io.github.mmsdk.notify.FakeServer.status;
import static io.github.mmsdk.notify.Fixtures.T0;
import static io.github.mmsdk.notify.Fixtures.exitState;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.notify.DeadLetter;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.api.notify.Notifier;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every channel against one loopback server that injects 500, 429, 400, timeouts and connection
 * resets at random (fixed seed): each notification is delivered exactly once or dead-lettered
 * exactly once per channel, and after recovery every dead letter is delivered exactly once.
 */
class CompositeNotifierIT {
  private static final Logger LOG = LoggerFactory.getLogger(CompositeNotifierIT.class);
  static final String PUSHOVER = "/1/messages.json";
  static final String WEBHOOK = "/hooks/mm";
  static final String TELEGRAM = "/bot" + TelegramNotifierIT.TOKEN + "/sendMessage";
  static final String SLACK = SlackNotifierIT.PATH;
  static final List<String> PATHS = List.of(PUSHOVER, TELEGRAM, SLACK, WEBHOOK);

  enum Fault {
    OK,
    HTTP_500,
    HTTP_429,
    HTTP_400,
    RESET,
    TIMEOUT
  }

  private FakeServer server;
  private final Fixtures.MutableClock clock = new Fixtures.MutableClock(T0);
  private CompositeNotifier composite;
  private InMemoryDeadLetterSink sink;

  @BeforeEach
  void start() throws IOException {
    server = new FakeServer();
    sink = new InMemoryDeadLetterSink(clock);
    Map<String, String> env = new HashMap<>();
    env.put(PushoverNotifier.ENV_TOKEN, PushoverNotifierIT.TOKEN);
    env.put(PushoverNotifier.ENV_USER_KEY, PushoverNotifierIT.USER);
    env.put(PushoverNotifier.ENV_URL, server.uri().toString());
    env.put(TelegramNotifier.ENV_BOT_TOKEN, TelegramNotifierIT.TOKEN);
    env.put(TelegramNotifier.ENV_CHAT_ID, "42");
    env.put(TelegramNotifier.ENV_URL, server.uri().toString());
    env.put(SlackNotifier.ENV_WEBHOOK_URL, server.uri(SLACK).toString());
    env.put(WebhookNotifier.ENV_URL, server.uri(WEBHOOK).toString());
    env.put(WebhookNotifier.ENV_SECRET, WebhookNotifierIT.SECRET);
    composite = CompositeNotifier.fromEnvironment(env, clock, sink, Fixtures.FAST);
  }

  @AfterEach
  void stop() {
    composite.close();
    server.close();
  }

  @Test
  void pushoverIsThePrimaryAndTheOthersFollowInOrder() {
    assertThat(composite.channels())
        .extracting(n -> n.getClass().getSimpleName())
        .containsExactly(
            "PushoverNotifier", "TelegramNotifier", "SlackNotifier", "WebhookNotifier");
  }

  @Test
  void oneChannelDownNeverBlocksTheOthers() {
    server.byDefault(PUSHOVER, hang(Duration.ofSeconds(3)));
    server.byDefault(TELEGRAM, ok(TelegramNotifierIT.OK));
    server.byDefault(SLACK, status(500, "down"));
    server.byDefault(WEBHOOK, ok(""));

    DeliveryReport r = composite.deliver(exitState("c1", NotificationPriority.HIGH));

    assertThat(r.channel()).isEqualTo("composite");
    assertThat(r.status()).isEqualTo(DeliveryReport.Status.DELIVERED);
    assertThat(r.channels())
        .extracting(DeliveryReport::channel, DeliveryReport::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("pushover", DeliveryReport.Status.DEAD_LETTERED),
            org.assertj.core.groups.Tuple.tuple("telegram", DeliveryReport.Status.DELIVERED),
            org.assertj.core.groups.Tuple.tuple("slack", DeliveryReport.Status.DEAD_LETTERED),
            org.assertj.core.groups.Tuple.tuple("webhook", DeliveryReport.Status.DELIVERED));
    assertThat(r.error().orElseThrow()).contains("pushover: ").contains("slack: HTTP 500");
    assertThat(composite.health().status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(sink.pending()).hasSize(2);
  }

  @Test
  void underRandomFaultsEachNotificationIsDeliveredOrDeadLetteredExactlyOncePerChannel() {
    Random random = new Random(20261123L);
    Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
    for (String path : PATHS) {
      String okBody =
          path.equals(PUSHOVER)
              ? PushoverNotifierIT.OK
              : path.equals(TELEGRAM) ? TelegramNotifierIT.OK : "";
      server.byDefault(
          path,
          (srv, exchange, request) -> {
            Fault f;
            synchronized (random) {
              int p = random.nextInt(100);
              f =
                  p < 45
                      ? Fault.OK
                      : p < 60
                          ? Fault.HTTP_500
                          : p < 72
                              ? Fault.HTTP_429
                              : p < 77 ? Fault.HTTP_400 : p < 96 ? Fault.RESET : Fault.TIMEOUT;
              injected.merge(f, 1, Integer::sum);
            }
            FakeServer.Behavior b =
                switch (f) {
                  case OK -> ok(okBody);
                  case HTTP_500 -> status(500, "{}");
                  case HTTP_429 -> status(429, "{}");
                  case HTTP_400 -> status(400, "{}");
                  case RESET -> reset();
                  case TIMEOUT -> hang(Duration.ofMillis(1500));
                };
            b.handle(srv, exchange, request);
          });
    }
    List<Notification> all = new ArrayList<>();
    int delivered = 0;
    for (int i = 0; i < 30; i++) {
      Notification n = exitState("f" + i, NotificationPriority.values()[i % 5]);
      all.add(n);
      DeliveryReport r = composite.deliver(n);
      assertThat(r.channels()).hasSize(4);
      delivered +=
          (int)
              r.channels().stream()
                  .filter(c -> c.status() == DeliveryReport.Status.DELIVERED)
                  .count();
    }

    int deadLettered = 0;
    for (Notification n : all) {
      for (String path : PATHS) {
        String channel = channelOf(path);
        long dead =
            sink.pending().stream()
                .filter(d -> d.notification().id().equals(n.id()))
                .filter(d -> d.attempts().get(0).channel().equals(channel))
                .count();
        int accepted = server.accepted(path, n.id());
        assertThat(accepted + dead).as("%s on %s", n.id(), channel).isEqualTo(1);
        deadLettered += (int) dead;
      }
    }
    // dead letters retried (once each) after a later success on their channel
    int deliveredByRetryDuringFaults = sink.resolved().size();
    assertThat(delivered + deliveredByRetryDuringFaults + deadLettered).isEqualTo(120);
    int requestsUnderFaults = server.requests().size();

    // the channels recover: the next cycle delivers every dead letter, once
    for (String path : PATHS) {
      server.byDefault(
          path,
          ok(
              path.equals(PUSHOVER)
                  ? PushoverNotifierIT.OK
                  : path.equals(TELEGRAM) ? TelegramNotifierIT.OK : ""));
    }
    List<DeliveryReport> retried = composite.retryDeadLetters();
    assertThat(composite.retryDeadLetters()).isEmpty();

    assertThat(retried).hasSize(deadLettered);
    assertThat(retried)
        .extracting(DeliveryReport::status)
        .containsOnly(DeliveryReport.Status.DELIVERED);
    assertThat(sink.pending()).isEmpty();
    for (Notification n : all) {
      for (String path : PATHS) {
        assertThat(server.accepted(path, n.id())).as("%s on %s", n.id(), path).isEqualTo(1);
      }
    }
    List<DeadLetter> resolved = sink.resolved();
    assertThat(resolved).hasSize(deliveredByRetryDuringFaults + deadLettered);
    LOG.info(
        "fault matrix: notifications=30 channels=4 requests_under_faults={} injected={}"
            + " delivered_first_time={} delivered_by_retry_during_faults={}"
            + " dead_lettered_after_faults={} delivered_on_recovery={}",
        requestsUnderFaults,
        injected,
        delivered,
        deliveredByRetryDuringFaults,
        deadLettered,
        retried.size());
  }

  private static String channelOf(String path) {
    if (path.equals(PUSHOVER)) {
      return "pushover";
    }
    if (path.equals(TELEGRAM)) {
      return "telegram";
    }
    return path.equals(SLACK) ? "slack" : "webhook";
  }

  @Test
  void fallsBackToTheLogWhenNothingIsConfigured() {
    try (CompositeNotifier fallback = CompositeNotifier.fromEnvironment(Map.of(), clock)) {
      assertThat(fallback.channels()).singleElement().isInstanceOf(LogNotifier.class);
      DeliveryReport r = fallback.deliver(exitState("l1", NotificationPriority.NORMAL));
      assertThat(r.delivered()).isTrue();
      assertThat(r.channels()).extracting(DeliveryReport::channel).containsExactly("log");
    }
  }

  @Test
  void aNotifierAfterCloseRefusesWithoutThrowing() {
    composite.close();
    Notifier n = composite;
    DeliveryReport r = n.deliver(exitState("closed", NotificationPriority.NORMAL));
    assertThat(r.delivered()).isFalse();
    assertThat(server.requests()).isEmpty();
  }
}
