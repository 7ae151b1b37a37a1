package io.github.mmsdk.notify;

import static io.github.mmsdk.notify.FakeServer.hang;
import static io.github.mmsdk.notify.FakeServer.ok;
import static io.github.mmsdk.notify.FakeServer.reset;
import static io.github.mmsdk.notify.FakeServer.status;
import static io.github.mmsdk.notify.Fixtures.FAST;
import static io.github.mmsdk.notify.Fixtures.T0;
import static io.github.mmsdk.notify.Fixtures.exitState;
import static io.github.mmsdk.notify.Fixtures.form;
import static io.github.mmsdk.notify.Fixtures.mandatoryExit;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.Secret;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.api.notify.DeadLetterSink;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.api.notify.Notifier;
import io.github.mmsdk.notify.internal.Rendering;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PushoverNotifierIT extends HttpNotifierFixture<PushoverNotifier> {
  static final String TOKEN = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";
  static final String USER = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG";
  static final String OK = "{\"status\":1,\"request\":\"647d2300\"}";

  private PushoverConfig config() {
    return new PushoverConfig.Builder()
        .token(Secret.of(TOKEN))
        .userKey(Secret.of(USER))
        .baseUri(server.uri())
        .delivery(FAST)
        .build();
  }

  private PushoverNotifier notifier(DeadLetterSink sink) {
    PushoverNotifier n = PushoverNotifier.builder(config(), clock).deadLetterSink(sink).build();
    toClose.add(n);
    return n;
  }

  @Override
  protected Notifier createNotifier() {
    server.byDefault("/1/messages.json", ok(OK));
    return PushoverNotifier.builder(config(), clock).build();
  }

  @Override
  protected Optional<Notifier> createFailingNotifier(DeadLetterSink sink) {
    server.byDefault("/1/messages.json", status(500, "{\"status\":0}"));
    return Optional.of(notifier(sink));
  }

  @Override
  protected OptionalLong deliveriesSeen(String notificationId) {
    return OptionalLong.of(server.accepted(notificationId));
  }

  @Test
  void postsTheDocumentedFormFields() {
    server.byDefault("/1/messages.json", ok(OK));
    InMemoryDeadLetterSink sink = new InMemoryDeadLetterSink(clock);

    DeliveryReport report = notifier(sink).deliver(exitState("n1", NotificationPriority.NORMAL));

    assertThat(report.status()).isEqualTo(DeliveryReport.Status.DELIVERED);
    assertThat(report.channel()).isEqualTo("pushover");
    FakeServer.Request r = server.requests().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/1/messages.json");
    assertThat(r.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(r.header("Idempotency-Key")).isEqualTo("n1");
    Map<String, String> f = form(r.body());
    assertThat(f.keySet())
        .containsExactly("token", "user", "title", "message", "priority", "timestamp");
    assertThat(f)
        .containsEntry("token", TOKEN)
        .containsEntry("user", USER)
        .containsEntry("title", "ETH-USDT: WARNING")
        .containsEntry("priority", "0")
        .containsEntry("timestamp", Long.toString(T0.getEpochSecond()));
    assertThat(f.get("message"))
        .isEqualTo(
            "Two exit conditions met.\n\nsymbol: ETH-USDT\ngrid: eth-grid-1\nregime: TRENDING\n"
                + "exit_state: WARNING\nreasons: ADX 28.5 > 25; efficiency ratio 0.62");
  }

  @Test
  void emergencyCarriesRetryExpireAndStatesTheActionFirst() {
    server.byDefault(
        "/1/messages.json", ok("{\"status\":1,\"request\":\"r\",\"receipt\":\"rcpt1\"}"));

    DeliveryReport report =
        notifier(new InMemoryDeadLetterSink(clock)).deliver(mandatoryExit("m1"));

    assertThat(report.receipt()).contains("rcpt1");
    Map<String, String> f = form(server.requests().get(0).body());
    assertThat(f)
        .containsEntry("priority", "2")
        .containsEntry("retry", "60")
        .containsEntry("expire", "3600")
        .doesNotContainKey("html");
    assertThat(f.get("title")).isEqualTo("🚨 MANDATORY EXIT: eth-grid-1");
    assertThat(f.get("message"))
        .startsWith("ACTION: Stop grid eth-grid-1 now and move the capital to reserve.\n");
  }

  @Test
  void everyPriorityMapsToItsPushoverValueAndHtmlIsOptIn() {
    server.byDefault("/1/messages.json", ok(OK));
    PushoverNotifier n =
        PushoverNotifier.builder(
                new PushoverConfig.Builder().from(config()).html(true).device("phone").build(),
                clock)
            .build();
    toClose.add(n);
    for (NotificationPriority p : NotificationPriority.values()) {
      n.deliver(exitState("p" + p.value(), p));
    }
    List<FakeServer.Request> rs = server.requests();
    for (int i = 0; i < rs.size(); i++) {
      Map<String, String> f = form(rs.get(i).body());
      assertThat(f.get("priority")).isEqualTo(Integer.toString(i - 2));
      assertThat(f).containsEntry("html", "1").containsEntry("device", "phone");
    }
  }

  @Test
  void cutsTitleAndMessageToPushoverLimitsWithAMarker() {
    server.byDefault("/1/messages.json", ok(OK));
    Notification n =
        new Notification.Builder()
            .from(exitState("long", NotificationPriority.NORMAL))
            .title("T".repeat(400))
            .message("😀".repeat(2000))
            .build();

    notifier(new InMemoryDeadLetterSink(clock)).deliver(n);

    Map<String, String> f = form(server.requests().get(0).body());
    String title = f.get("title");
    String message = f.get("message");
    assertThat(title.codePointCount(0, title.length())).isEqualTo(250);
    assertThat(title).endsWith(Rendering.TRUNCATION_MARKER);
    assertThat(message.codePointCount(0, message.length())).isEqualTo(1024);
    assertThat(message).startsWith("😀😀").endsWith(Rendering.TRUNCATION_MARKER);
  }

  @Test
  void retries5xx429TimeoutAndResetThenDeliversExactlyOnce() {
    server.enqueue(
        "/1/messages.json",
        status(500, "{}"),
        status(429, "{\"status\":0}"),
        // third attempt succeeds
        ok(OK),
        // second notification: timeout, then reset, then success
        hang(Duration.ofSeconds(2)),
        reset(),
        ok(OK));
    InMemoryDeadLetterSink sink = new InMemoryDeadLetterSink(clock);
    PushoverNotifier n = notifier(sink);

    DeliveryReport a = n.deliver(exitState("a", NotificationPriority.NORMAL));
    DeliveryReport b = n.deliver(exitState("b", NotificationPriority.NORMAL));

    assertThat(a.status()).isEqualTo(DeliveryReport.Status.DELIVERED);
    assertThat(a.attempts()).isEqualTo(3);
    assertThat(b.status()).isEqualTo(DeliveryReport.Status.DELIVERED);
    assertThat(b.attempts()).isEqualTo(3);
    assertThat(server.accepted("a")).isEqualTo(1);
    assertThat(server.accepted("b")).isEqualTo(1);
    assertThat(server.requests()).hasSize(6);
    assertThat(server.requests())
        .extracting(r -> r.header("Idempotency-Key"))
        .containsExactly("a", "a", "a", "b", "b", "b");
    assertThat(sink.pending()).isEmpty();
  }

  @Test
  void honoursRetryAfterUpToTheLargestBackoffAndEscapesHtmlWhenEnabled() {
    server.enqueue(
        "/1/messages.json",
        (srv, exchange, request) -> {
          exchange.getResponseHeaders().set("Retry-After", "3600");
          FakeServer.respond(exchange, 429, "{\"status\":0}");
        },
        ok(OK));
    PushoverNotifier n =
        PushoverNotifier.builder(
                new PushoverConfig.Builder().from(config()).html(true).build(), clock)
            .build();
    toClose.add(n);
    Notification html =
        new Notification.Builder()
            .from(exitState("h1", NotificationPriority.NORMAL))
            .message("price < 1 & " + "&".repeat(1100))
            .build();

    DeliveryReport r = n.deliver(html);

    assertThat(r.delivered()).isTrue();
    assertThat(r.attempts()).isEqualTo(2);
    String message = form(server.requests().get(1).body()).get("message");
    assertThat(message)
        .startsWith("price &lt; 1 &amp; &amp;")
        .endsWith("&amp;" + Rendering.TRUNCATION_MARKER);
    assertThat(message.codePointCount(0, message.length())).isLessThanOrEqualTo(1024);
  }

  @Test
  void a4xxIsNotRetriedButDeadLettered() {
    server.byDefault(
        "/1/messages.json",
        status(
            400,
            "{\"user\":\"invalid\",\"errors\":[\"user identifier is invalid\"],\"status\":0}"));
    InMemoryDeadLetterSink sink = new InMemoryDeadLetterSink(clock);

    DeliveryReport r = notifier(sink).deliver(exitState("bad", NotificationPriority.NORMAL));

    assertThat(r.status()).isEqualTo(DeliveryReport.Status.DEAD_LETTERED);
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.error().orElseThrow()).contains("HTTP 400").contains("user identifier is invalid");
    assertThat(server.requests()).hasSize(1);
    assertThat(sink.pending()).hasSize(1);
  }

  @Test
  void a200WithoutStatusOneIsAPermanentFailure() {
    server.byDefault("/1/messages.json", ok("{\"status\":0}"));
    DeliveryReport r =
        notifier(new InMemoryDeadLetterSink(clock))
            .deliver(exitState("x", NotificationPriority.LOW));
    assertThat(r.status()).isEqualTo(DeliveryReport.Status.DEAD_LETTERED);
    assertThat(r.attempts()).isEqualTo(1);
  }

  @Test
  void deadLettersAreRetriedOnTheNextCallUntilDeliveredOrExpired() {
    server.byDefault("/1/messages.json", status(503, "{}"));
    InMemoryDeadLetterSink sink = new InMemoryDeadLetterSink(clock);
    PushoverNotifier n = notifier(sink);

    assertThat(n.deliver(exitState("d1", NotificationPriority.HIGH)).status())
        .isEqualTo(DeliveryReport.Status.DEAD_LETTERED);
    assertThat(n.deliver(exitState("d2", NotificationPriority.HIGH)).status())
        .isEqualTo(DeliveryReport.Status.DEAD_LETTERED);
    // delivering the same id again neither sends nor dead-letters twice
    assertThat(n.deliver(exitState("d1", NotificationPriority.HIGH)).status())
        .isEqualTo(DeliveryReport.Status.SKIPPED);
    assertThat(n.health().status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(n.health().details()).containsEntry("dead_letters_pending", "2");

    // a retry while still down records one more failed attempt each
    List<DeliveryReport> stillDown = n.retryDeadLetters();
    assertThat(stillDown)
        .extracting(DeliveryReport::status)
        .containsOnly(DeliveryReport.Status.DEAD_LETTERED);
    assertThat(sink.pending()).allSatisfy(d -> assertThat(d.attempts()).hasSize(2));

    // d2 is older than the maximum age by the next cycle; d1 is delivered by the next call
    clock.advance(Duration.ofHours(25));
    server.byDefault("/1/messages.json", ok(OK));
    DeliveryReport fresh = n.deliver(exitState("d3", NotificationPriority.NORMAL));

    assertThat(fresh.status()).isEqualTo(DeliveryReport.Status.DELIVERED);
    assertThat(sink.pending()).isEmpty();
    assertThat(sink.resolved()).hasSize(2);
    assertThat(sink.resolved())
        .allSatisfy(
            d ->
                assertThat(d.attempts().get(d.attempts().size() - 1).status())
                    .isEqualTo(DeliveryReport.Status.FAILED));
    assertThat(server.accepted("d1")).isZero();
    assertThat(server.accepted("d3")).isEqualTo(1);
  }

  @Test
  void aRecoveredChannelDeliversPendingDeadLettersOnce() {
    server.byDefault("/1/messages.json", status(500, "{}"));
    InMemoryDeadLetterSink sink = new InMemoryDeadLetterSink(clock);
    PushoverNotifier n = notifier(sink);
    n.deliver(exitState("late", NotificationPriority.HIGH));
    server.byDefault("/1/messages.json", ok(OK));
    clock.advance(Duration.ofMinutes(60));

    DeliveryReport next = n.deliver(exitState("next", NotificationPriority.NORMAL));
    List<DeliveryReport> again = n.retryDeadLetters();

    assertThat(next.delivered()).isTrue();
    assertThat(again).isEmpty();
    assertThat(server.accepted("late")).isEqualTo(1);
    assertThat(sink.pending()).isEmpty();
    DeliveryReport last =
        sink.resolved().get(0).attempts().get(sink.resolved().get(0).attempts().size() - 1);
    assertThat(last.status()).isEqualTo(DeliveryReport.Status.DELIVERED);
    assertThat(last.attempts()).isEqualTo(4);
    assertThat(n.health().status()).isEqualTo(HealthStatus.UP);
    assertThat(n.health().lastSuccess()).isPresent();
  }

  @Test
  void pollsEmergencyReceiptsUntilAcknowledged() {
    server.byDefault(
        "/1/messages.json", ok("{\"status\":1,\"request\":\"r\",\"receipt\":\"rcpt9\"}"));
    long sent = T0.getEpochSecond();
    server.enqueue(
        "/1/receipts/rcpt9.json",
        ok(
            "{\"status\":1,\"acknowledged\":0,\"acknowledged_at\":0,\"expired\":0,\"expires_at\":"
                + (sent + 3600)
                + "}"),
        status(500, "{}"),
        ok(
            "{\"status\":1,\"acknowledged\":1,\"acknowledged_at\":"
                + (sent + 420)
                + ",\"acknowledged_by\":\""
                + USER
                + "\",\"acknowledged_by_device\":\"phone\",\"expired\":0,\"expires_at\":"
                + (sent + 3600)
                + "}"));
    List<EmergencyReceipt> resolved = new ArrayList<>();
    PushoverNotifier n =
        PushoverNotifier.builder(config(), clock).onReceiptResolved(resolved::add).build();
    toClose.add(n);

    n.deliver(mandatoryExit("m9"));
    n.deliver(exitState("plain", NotificationPriority.HIGH));
    assertThat(n.receipts()).hasSize(1);
    assertThat(n.health().details()).containsEntry("receipts_pending", "1");

    clock.advance(Duration.ofMinutes(1));
    assertThat(n.pollReceipts())
        .singleElement()
        .satisfies(r -> assertThat(r.acknowledged()).isFalse());
    clock.advance(Duration.ofMinutes(1));
    assertThat(n.pollReceipts()).singleElement().satisfies(r -> assertThat(r.resolved()).isFalse());
    clock.advance(Duration.ofMinutes(6));
    n.pollReceipts();
    assertThat(n.pollReceipts()).isEmpty();

    EmergencyReceipt r = n.receipt("m9").orElseThrow();
    assertThat(r.acknowledged()).isTrue();
    assertThat(r.acknowledgedAt()).contains(Instant.ofEpochSecond(sent + 420));
    assertThat(r.acknowledgedByDevice()).contains("phone");
    assertThat(r.responseTime()).contains(Duration.ofMinutes(7));
    assertThat(r.expiresAt()).contains(Instant.ofEpochSecond(sent + 3600));
    assertThat(r.lastCheckedAt()).contains(T0.plus(Duration.ofMinutes(8)));
    assertThat(r.toString()).doesNotContain(USER);
    assertThat(resolved).containsExactly(r);
    assertThat(n.receipt("plain")).isEmpty();
    FakeServer.Request poll = server.requests("/1/receipts/").get(0);
    assertThat(poll.method()).isEqualTo("GET");
    assertThat(poll.query()).isEqualTo("token=" + TOKEN);
  }

  @Test
  void recordsAnExpiredReceiptAndPollsOnTheInjectedScheduler() {
    server.byDefault("/1/messages.json", ok("{\"status\":1,\"request\":\"r\",\"receipt\":\"rx\"}"));
    server.byDefault(
        "/1/receipts/rx.json",
        ok(
            "{\"status\":1,\"acknowledged\":0,\"acknowledged_at\":0,\"expired\":1,\"expires_at\":1}"));
    CapturingScheduler scheduler = new CapturingScheduler();
    PushoverNotifier n =
        PushoverNotifier.builder(config(), clock).receiptScheduler(scheduler).build();
    toClose.add(n);
    n.deliver(mandatoryExit("mx"));

    assertThat(scheduler.delayMillis).isEqualTo(60_000);
    scheduler.task.run();

    EmergencyReceipt r = n.receipt("mx").orElseThrow();
    assertThat(r.expired()).isTrue();
    assertThat(r.acknowledged()).isFalse();
    assertThat(r.responseTime()).isEmpty();
    n.close();
    assertThat(scheduler.cancelled).isTrue();
    scheduler.shutdownNow();
  }

  @Test
  void neverLogsOrReportsTheTokenOrUserKey() {
    // a hostile server echoes the credentials back in its error body
    server.byDefault(
        "/1/messages.json",
        status(
            400, "{\"token\":\"invalid " + TOKEN + "\",\"user\":\"" + USER + "\",\"status\":0}"));
    server.byDefault("/1/receipts/", status(500, "token " + TOKEN));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<DeliveryReport> reports = new ArrayList<>();
    String healthText;
    String text;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      PushoverNotifier n = notifier(new InMemoryDeadLetterSink(clock));
      reports.add(n.deliver(exitState("s1", NotificationPriority.NORMAL)));
      reports.addAll(n.retryDeadLetters());
      healthText = n.health().toString();
      text = n + " " + config();
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).contains("notification_id=s1").contains("dead-lettered");
    assertThat(logs + reports + healthText + text).doesNotContain(TOKEN).doesNotContain(USER);
    assertThat(reports.get(0).error().orElseThrow()).contains("****");
  }

  @Test
  void readsItsConfigurationFromTheEnvironment() {
    Map<String, String> env =
        Map.of(
            PushoverNotifier.ENV_TOKEN,
            TOKEN,
            PushoverNotifier.ENV_USER_KEY,
            USER,
            PushoverNotifier.ENV_URL,
            server.uri().toString(),
            PushoverNotifier.ENV_DEVICE,
            "phone");
    server.byDefault("/1/messages.json", ok(OK));

    PushoverNotifier n = PushoverNotifier.fromEnvironment(env, clock).orElseThrow();
    toClose.add(n);

    assertThat(n.deliver(exitState("env", NotificationPriority.NORMAL)).delivered()).isTrue();
    assertThat(form(server.requests().get(0).body())).containsEntry("device", "phone");
    assertThat(PushoverNotifier.fromEnvironment(Map.of(), clock)).isEmpty();
  }

  /** Captures the polling task instead of running it on a timer. */
  static final class CapturingScheduler extends ScheduledThreadPoolExecutor {
    Runnable task;
    long delayMillis;
    volatile boolean cancelled;

    CapturingScheduler() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(
        Runnable command, long initialDelay, long delay, TimeUnit unit) {
      this.task = command;
      this.delayMillis = unit.toMillis(delay);
      ScheduledFuture<?> never = super.schedule(() -> {}, 1, TimeUnit.DAYS);
      return new DelegatingFuture(never, this);
    }
  }

  /** Records cancellation. */
  static final class DelegatingFuture implements ScheduledFuture<Object> {
    private final ScheduledFuture<?> delegate;
    private final CapturingScheduler owner;

    DelegatingFuture(ScheduledFuture<?> delegate, CapturingScheduler owner) {
      this.delegate = delegate;
      this.owner = owner;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return delegate.getDelay(unit);
    }

    @Override
    public int compareTo(java.util.concurrent.Delayed o) {
      return delegate.compareTo(o);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      owner.cancelled = true;
      return delegate.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
      return delegate.isCancelled();
    }

    @Override
    public boolean isDone() {
      return delegate.isDone();
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }
}
