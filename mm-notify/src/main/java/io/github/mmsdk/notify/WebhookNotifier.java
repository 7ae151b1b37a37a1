package io.github.mmsdk.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mmsdk.api.Secret;
import io.github.mmsdk.api.notify.DeadLetterSink;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.notify.internal.Attempt;
import io.github.mmsdk.notify.internal.Env;
import io.github.mmsdk.notify.internal.Json;
import io.github.mmsdk.notify.internal.Redactor;
import io.github.mmsdk.notify.internal.Rendering;
import io.github.mmsdk.notify.internal.UrlPolicy;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Posts notifications as signed JSON events, following Standard Webhooks so receivers can verify
 * them with existing libraries or {@link WebhookVerifier}.
 *
 * <p>The body, schema version {@value #SCHEMA_VERSION}, has the keys in this order:
 *
 * <pre>{@code
 * {"id":"<notification id>","type":"notification.exit_state","timestamp":"2026-11-23T10:00:00Z",
 *  "schema_version":1,
 *  "payload":{"kind":"EXIT_STATE","priority":"EMERGENCY","priority_value":2,"title":"…",
 *             "message":"…","text":"<rendered plain text>","symbol":"ETH-USDT","grid_id":"g1",
 *             "fields":{"exit_state":"MANDATORY_EXIT",…}}}
 * }</pre>
 *
 * <p>{@code symbol} and {@code grid_id} are left out when absent; later schema versions only add
 * keys. Headers: {@code webhook-id} (the notification id, the same on every retry), {@code
 * webhook-timestamp} (the attempt's Unix seconds) and {@code webhook-signature} ({@code v1,<base64
 * HMAC-SHA256 of "id.timestamp.body">}).
 */
public final class WebhookNotifier extends ChannelNotifier {
  /** The channel name in reports. */
  public static final String CHANNEL = "webhook";

  /** The version of the JSON body. */
  public static final int SCHEMA_VERSION = 1;

  /** Environment variable of the receiver's URL. */
  public static final String ENV_URL = "MARKET_MAKER_NOTIFICATIONS_WEBHOOK_URL";

  /** Environment variable of the {@code whsec_…} signing secret. */
  public static final String ENV_SECRET = "MARKET_MAKER_NOTIFICATIONS_WEBHOOK_SECRET";

  private final WebhookConfig config;
  private final byte[] key;

  private WebhookNotifier(WebhookConfig config, Clock clock, DeadLetterSink sink) {
    super(CHANNEL, config.delivery(), Redactor.of(config.secret()), clock, sink);
    this.config = config;
    this.key = WebhookVerifier.decodeSecret(config.secret());
  }

  /**
   * A notifier with the in-memory dead-letter sink.
   *
   * @param config the configuration
   * @param clock the clock
   * @return the notifier
   */
  public static WebhookNotifier create(WebhookConfig config, Clock clock) {
    return new WebhookNotifier(config, clock, null);
  }

  /**
   * A notifier.
   *
   * @param config the configuration
   * @param clock the clock
   * @param sink where undeliverable notifications go
   * @return the notifier
   */
  public static WebhookNotifier create(WebhookConfig config, Clock clock, DeadLetterSink sink) {
    return new WebhookNotifier(config, clock, sink);
  }

  /**
   * The configuration from {@value #ENV_URL} and {@value #ENV_SECRET} (both or neither).
   *
   * @param env the environment, e.g. {@code System.getenv()}
   * @return the configuration, empty when no webhook is configured
   * @throws io.github.mmsdk.api.InvalidConfigurationException when only partly or wrongly set
   */
  public static Optional<WebhookConfig> configFromEnvironment(Map<String, String> env) {
    if (!Env.allOrNone(env, ENV_URL, ENV_SECRET)) {
      return Optional.empty();
    }
    return Optional.of(
        new WebhookConfig.Builder()
            .url(UrlPolicy.parse(Env.get(env, ENV_URL).orElseThrow(), ENV_URL))
            .secret(Secret.of(Env.get(env, ENV_SECRET).orElseThrow()))
            .build());
  }

  /**
   * A notifier configured from the environment, with the in-memory dead-letter sink.
   *
   * @param env the environment, e.g. {@code System.getenv()}
   * @param clock the clock
   * @return the notifier, empty when no webhook is configured
   * @throws io.github.mmsdk.api.InvalidConfigurationException when only partly or wrongly set
   */
  public static Optional<WebhookNotifier> fromEnvironment(Map<String, String> env, Clock clock) {
    return configFromEnvironment(env).map(c -> create(c, clock));
  }

  /**
   * The JSON body for a notification (the same on every attempt).
   *
   * @param n the notification
   * @return the body
   */
  static String body(Notification n) {
    ObjectNode payload = Json.object();
    payload.put("kind", n.kind().name());
    payload.put("priority", n.priority().name());
    payload.put("priority_value", n.priority().value());
    payload.put("title", n.title());
    payload.put("message", n.message());
    payload.put("text", Rendering.plainBody(n));
    n.symbol().ifPresent(s -> payload.put("symbol", s.toString()));
    n.gridId().ifPresent(g -> payload.put("grid_id", g));
    ObjectNode fields = payload.putObject("fields");
    n.fields().forEach(fields::put);
    ObjectNode event = Json.object();
    event.put("id", n.id());
    event.put("type", Rendering.eventType(n));
    event.put("timestamp", n.createdAt().toString());
    event.put("schema_version", SCHEMA_VERSION);
    event.set("payload", payload);
    return Json.write(event);
  }

  @Override
  Attempt send(Notification n) throws IOException, InterruptedException {
    String body = body(n);
    long timestamp = clock.instant().getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(WebhookVerifier.ID_HEADER, n.id());
    headers.put(WebhookVerifier.TIMESTAMP_HEADER, Long.toString(timestamp));
    headers.put(
        WebhookVerifier.SIGNATURE_HEADER, WebhookVerifier.sign(key, n.id(), timestamp, body));
    return http.post(
        config.url(), n.id(), "application/json", body, headers, r -> Attempt.ok(r.status(), null));
  }

  @Override
  public String toString() {
    return "WebhookNotifier[" + config.url().getHost() + "]";
  }
}
