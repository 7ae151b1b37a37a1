package io.github.mmsdk.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mmsdk.api.Secret;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.notify.DeadLetterSink;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.notify.internal.Attempt;
import io.github.mmsdk.notify.internal.Env;
import io.github.mmsdk.notify.internal.Http;
import io.github.mmsdk.notify.internal.Json;
import io.github.mmsdk.notify.internal.Redactor;
import io.github.mmsdk.notify.internal.Rendering;
import io.github.mmsdk.notify.internal.UrlPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications through the Pushover messages API ({@code POST /1/messages.json}, form
 * encoded: token, user, title, message, priority −2…2, for priority 2 {@code retry} and {@code
 * expire}; HTML off unless configured). Titles longer than 250 and messages longer than 1024
 * characters are cut and end with {@value
 * io.github.mmsdk.notify.internal.Rendering#TRUNCATION_MARKER}.
 *
 * <p>An emergency (priority 2) notification returns a receipt; {@link #pollReceipts()} asks
 * Pushover ({@code GET /1/receipts/<receipt>.json}) whether and when the operator acknowledged it,
 * by itself every {@link PushoverConfig#receiptPollInterval()} when a scheduler is given. The token
 * and user key are never logged.
 */
public final class PushoverNotifier extends ChannelNotifier {
  /** The channel name in reports. */
  public static final String CHANNEL = "pushover";

  /** Environment variable of the application token. */
  public static final String ENV_TOKEN = "MARKET_MAKER_NOTIFICATIONS_PUSHOVER_TOKEN";

  /** Environment variable of the user key. */
  public static final String ENV_USER_KEY = "MARKET_MAKER_NOTIFICATIONS_PUSHOVER_USER_KEY";

  /**
   * Environment variable of the optional API base URL (default {@code https://api.pushover.net}).
   */
  public static final String ENV_URL = "MARKET_MAKER_NOTIFICATIONS_PUSHOVER_URL";

  /** Environment variable of the optional target device. */
  public static final String ENV_DEVICE = "MARKET_MAKER_NOTIFICATIONS_PUSHOVER_DEVICE";

  /** Pushover's message length limit, in characters. */
  public static final int MAX_MESSAGE_LENGTH = 1024;

  /** Pushover's title length limit, in characters. */
  public static final int MAX_TITLE_LENGTH = 250;

  private static final Logger LOG = LoggerFactory.getLogger(PushoverNotifier.class);

  private final PushoverConfig config;
  private final Consumer<EmergencyReceipt> onReceiptResolved;
  private final Map<String, EmergencyReceipt> receipts = new LinkedHashMap<>();
  private final ScheduledFuture<?> polling;

  private PushoverNotifier(Builder b) {
    super(
        CHANNEL,
        b.config.delivery(),
        Redactor.of(b.config.token(), b.config.userKey()),
        b.clock,
        b.sink);
    this.config = b.config;
    this.onReceiptResolved = b.onReceiptResolved;
    if (b.scheduler != null) {
      long ms = config.receiptPollInterval().toMillis();
      this.polling =
          b.scheduler.scheduleWithFixedDelay(this::pollQuietly, ms, ms, TimeUnit.MILLISECONDS);
    } else {
      this.polling = null;
    }
  }

  /**
   * A builder for a notifier with this configuration.
   *
   * @param config the configuration
   * @param clock the clock for reports, timestamps and receipts
   * @return the builder
   */
  public static Builder builder(PushoverConfig config, Clock clock) {
    return new Builder(config, clock);
  }

  /**
   * The configuration from environment variables {@value #ENV_TOKEN} and {@value #ENV_USER_KEY}
   * (both or neither), optionally {@value #ENV_URL} and {@value #ENV_DEVICE}.
   *
   * @param env the environment, e.g. {@code System.getenv()}
   * @return the configuration, empty when Pushover is not configured
   * @throws io.github.mmsdk.api.InvalidConfigurationException when only partly or wrongly set
   */
  public static Optional<PushoverConfig> configFromEnvironment(Map<String, String> env) {
    if (!Env.allOrNone(env, ENV_TOKEN, ENV_USER_KEY)) {
      return Optional.empty();
    }
    PushoverConfig.Builder b = new PushoverConfig.Builder();
    b.token(Secret.of(Env.get(env, ENV_TOKEN).orElseThrow()))
        .userKey(Secret.of(Env.get(env, ENV_USER_KEY).orElseThrow()));
    Env.get(env, ENV_URL).ifPresent(u -> b.baseUri(UrlPolicy.parse(u, ENV_URL)));
    Env.get(env, ENV_DEVICE).ifPresent(b::device);
    return Optional.of(b.build());
  }

  /**
   * A notifier configured from the environment (see {@link #configFromEnvironment}), with the
   * in-memory dead-letter sink and no receipt polling schedule.
   *
   * @param env the environment, e.g. {@code System.getenv()}
   * @param clock the clock
   * @return the notifier, empty when Pushover is not configured
   * @throws io.github.mmsdk.api.InvalidConfigurationException when only partly or wrongly set
   */
  public static Optional<PushoverNotifier> fromEnvironment(Map<String, String> env, Clock clock) {
    return configFromEnvironment(env).map(c -> builder(c, clock).build());
  }

  @Override
  public Health health() {
    Health h = super.health();
    long open;
    synchronized (receipts) {
      open = receipts.values().stream().filter(r -> !r.resolved()).count();
    }
    return new Health.Builder().from(h).putDetail("receipts_pending", Long.toString(open)).build();
  }

  /**
   * The form fields sent for a notification, in order (the token and user key included).
   *
   * @param n the notification
   * @return the fields
   */
  Map<String, String> form(Notification n) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("token", config.token().reveal());
    f.put("user", config.userKey().reveal());
    f.put("title", Rendering.truncate(Rendering.title(n), MAX_TITLE_LENGTH));
    String rendered = Rendering.plainBody(n);
    // Pushover refuses an empty message
    String body = rendered.isBlank() ? n.title() : rendered;
    f.put(
        "message",
        config.html()
            ? Rendering.truncateHtml(Rendering.telegramHtml(body), MAX_MESSAGE_LENGTH)
            : Rendering.truncate(body, MAX_MESSAGE_LENGTH));
    f.put("priority", Integer.toString(n.priority().value()));
    if (n.priority() == NotificationPriority.EMERGENCY) {
      f.put("retry", Long.toString(config.emergencyRetry().toSeconds()));
      f.put("expire", Long.toString(config.emergencyExpire().toSeconds()));
    }
    if (config.html()) {
      f.put("html", "1");
    }
    config.device().ifPresent(d -> f.put("device", d));
    f.put("timestamp", Long.toString(n.createdAt().getEpochSecond()));
    return f;
  }

  @Override
  Attempt send(Notification n) throws IOException, InterruptedException {
    return http.post(
        config.baseUri().resolve("/1/messages.json"),
        n.id(),
        "application/x-www-form-urlencoded",
        Http.form(form(n)),
        Map.of(),
        this::accepted);
  }

  private Attempt accepted(Http.Response response) {
    JsonNode body = Json.read(response.body());
    if (body.path("status").asInt(0) != 1) {
      return Attempt.permanentFailure(response.status(), http.describe(response));
    }
    String receipt = body.path("receipt").asText("");
    return Attempt.ok(response.status(), receipt.isEmpty() ? null : receipt);
  }

  // remembers the receipt of a delivered emergency for polling
  @Override
  void delivered(Notification n, DeliveryReport report) {
    if (n.priority() != NotificationPriority.EMERGENCY || report.receipt().isEmpty()) {
      return;
    }
    EmergencyReceipt r =
        new EmergencyReceipt.Builder()
            .notificationId(n.id())
            .receipt(report.receipt().get())
            .sentAt(report.at())
            .build();
    synchronized (receipts) {
      receipts.put(n.id(), r);
    }
  }

  /**
   * Polls every unresolved emergency receipt once and records whether and when it was acknowledged
   * or expired. A failed poll keeps the receipt pending. Never throws.
   *
   * @return the receipts polled, in their new state
   */
  public List<EmergencyReceipt> pollReceipts() {
    List<EmergencyReceipt> open;
    synchronized (receipts) {
      open = receipts.values().stream().filter(r -> !r.resolved()).toList();
    }
    List<EmergencyReceipt> out = new ArrayList<>();
    for (EmergencyReceipt r : open) {
      EmergencyReceipt next = poll(r);
      synchronized (receipts) {
        receipts.put(next.notificationId(), next);
      }
      out.add(next);
      if (next.resolved()) {
        LOG.info(
            "emergency receipt resolved notification_id={} acknowledged={} response_time={}"
                + " expired={}",
            next.notificationId(),
            next.acknowledged(),
            next.responseTime().map(Object::toString).orElse(""),
            next.expired());
        try {
          onReceiptResolved.accept(next);
        } catch (RuntimeException e) {
          LOG.warn(
              "receipt listener failed notification_id={} error={}",
              next.notificationId(),
              redactor.describe(e));
        }
      }
    }
    return out;
  }

  private EmergencyReceipt poll(EmergencyReceipt r) {
    URI uri =
        config
            .baseUri()
            .resolve(
                "/1/receipts/"
                    + URLEncoder.encode(r.receipt(), StandardCharsets.UTF_8)
                    + ".json?token="
                    + URLEncoder.encode(config.token().reveal(), StandardCharsets.UTF_8));
    try {
      Http.Response response = http.get(uri);
      JsonNode body = Json.read(response.body());
      if (response.status() != 200 || body.path("status").asInt(0) != 1) {
        LOG.warn(
            "receipt poll failed notification_id={} error={}",
            r.notificationId(),
            http.describe(response));
        return r;
      }
      EmergencyReceipt.Builder b = new EmergencyReceipt.Builder();
      b.notificationId(r.notificationId())
          .receipt(r.receipt())
          .sentAt(r.sentAt())
          .lastCheckedAt(clock.instant())
          .acknowledged(body.path("acknowledged").asInt(0) == 1)
          .expired(body.path("expired").asInt(0) == 1);
      long ackAt = body.path("acknowledged_at").asLong(0);
      if (ackAt > 0) {
        b.acknowledgedAt(Instant.ofEpochSecond(ackAt));
      }
      String device = body.path("acknowledged_by_device").asText("");
      if (!device.isEmpty()) {
        b.acknowledgedByDevice(device);
      }
      long expiresAt = body.path("expires_at").asLong(0);
      if (expiresAt > 0) {
        b.expiresAt(Instant.ofEpochSecond(expiresAt));
      }
      return b.build();
    } catch (IOException e) {
      LOG.warn(
          "receipt poll failed notification_id={} error={}",
          r.notificationId(),
          redactor.describe(e));
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return r;
    }
  }

  private void pollQuietly() {
    try {
      pollReceipts();
    } catch (RuntimeException e) {
      LOG.warn("receipt polling failed error={}", redactor.describe(e));
    }
  }

  /**
   * The receipt of an emergency notification.
   *
   * @param notificationId the notification's id
   * @return its receipt, when it was an emergency delivered to Pushover
   */
  public Optional<EmergencyReceipt> receipt(String notificationId) {
    synchronized (receipts) {
      return Optional.ofNullable(receipts.get(notificationId));
    }
  }

  /** {@return every emergency receipt, in delivery order} */
  public List<EmergencyReceipt> receipts() {
    synchronized (receipts) {
      return List.copyOf(receipts.values());
    }
  }

  /** Stops receipt polling, then drains in-flight deliveries. */
  @Override
  public void close() {
    if (polling != null) {
      polling.cancel(false);
    }
    super.close();
  }

  @Override
  public String toString() {
    return "PushoverNotifier[" + config.baseUri().getHost() + "]";
  }

  /** Builds a {@link PushoverNotifier}. */
  public static final class Builder {
    private final PushoverConfig config;
    private final Clock clock;
    private DeadLetterSink sink;
    private ScheduledExecutorService scheduler;
    private Consumer<EmergencyReceipt> onReceiptResolved = r -> {};

    private Builder(PushoverConfig config, Clock clock) {
      this.config = config;
      this.clock = clock;
    }

    /**
     * Where undeliverable notifications go; default an {@link InMemoryDeadLetterSink}.
     *
     * @param sink the sink, e.g. the store's
     * @return this builder
     */
    public Builder deadLetterSink(DeadLetterSink sink) {
      this.sink = sink;
      return this;
    }

    /**
     * Polls pending receipts on this scheduler every {@link PushoverConfig#receiptPollInterval()}
     * (with a fixed delay); the scheduler stays the caller's to shut down.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder receiptScheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * Called once when an emergency receipt is acknowledged or expires.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onReceiptResolved(Consumer<EmergencyReceipt> listener) {
      this.onReceiptResolved = listener;
      return this;
    }

    /** {@return the notifier} */
    public PushoverNotifier build() {
      return new PushoverNotifier(this);
    }
  }
}
