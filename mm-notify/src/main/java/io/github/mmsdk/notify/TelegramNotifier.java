package io.github.mmsdk.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mmsdk.api.Secret;
import io.github.mmsdk.api.notify.DeadLetterSink;
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
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Posts notifications to a Telegram chat through the Bot API {@code sendMessage} method: JSON with
 * {@code chat_id}, {@code text} (HTML parse mode: the title in bold, the rest escaped, at most 4096
 * characters), {@code parse_mode}, link previews off, and {@code disable_notification} for low
 * priorities. The bot token sits in the request path and is never logged.
 */
public final class TelegramNotifier extends ChannelNotifier {
  /** The channel name in reports. */
  public static final String CHANNEL = "telegram";

  /** Environment variable of the bot token. */
  public static final String ENV_BOT_TOKEN = "MARKET_MAKER_NOTIFICATIONS_TELEGRAM_BOT_TOKEN";

  /** Environment variable of the chat id. */
  public static final String ENV_CHAT_ID = "MARKET_MAKER_NOTIFICATIONS_TELEGRAM_CHAT_ID";

  /** Environment variable of the optional Bot API base URL. */
  public static final String ENV_URL = "MARKET_MAKER_NOTIFICATIONS_TELEGRAM_URL";

  /** Telegram's message length limit, in characters. */
  public static final int MAX_TEXT_LENGTH = 4096;

  private final TelegramConfig config;

  private TelegramNotifier(TelegramConfig config, Clock clock, DeadLetterSink sink) {
    super(CHANNEL, config.delivery(), Redactor.of(config.botToken()), clock, sink);
    this.config = config;
  }

  /**
   * A notifier with the in-memory dead-letter sink.
   *
   * @param config the configuration
   * @param clock the clock
   * @return the notifier
   */
  public static TelegramNotifier create(TelegramConfig config, Clock clock) {
    return new TelegramNotifier(config, clock, null);
  }

  /**
   * A notifier.
   *
   * @param config the configuration
   * @param clock the clock
   * @param sink where undeliverable notifications go
   * @return the notifier
   */
  public static TelegramNotifier create(TelegramConfig config, Clock clock, DeadLetterSink sink) {
    return new TelegramNotifier(config, clock, sink);
  }

  /**
   * The configuration from {@value #ENV_BOT_TOKEN} and {@value #ENV_CHAT_ID} (both or neither),
   * optionally {@value #ENV_URL}.
   *
   * @param env the environment, e.g. {@code System.getenv()}
   * @return the configuration, empty when Telegram is not configured
   * @throws io.github.mmsdk.api.InvalidConfigurationException when only partly or wrongly set
   */
  public static Optional<TelegramConfig> configFromEnvironment(Map<String, String> env) {
    if (!Env.allOrNone(env, ENV_BOT_TOKEN, ENV_CHAT_ID)) {
      return Optional.empty();
    }
    TelegramConfig.Builder b = new TelegramConfig.Builder();
    b.botToken(Secret.of(Env.get(env, ENV_BOT_TOKEN).orElseThrow()))
        .chatId(Env.get(env, ENV_CHAT_ID).orElseThrow());
    Env.get(env, ENV_URL).ifPresent(u -> b.baseUri(UrlPolicy.parse(u, ENV_URL)));
    return Optional.of(b.build());
  }

  /**
   * A notifier configured from the environment, with the in-memory dead-letter sink.
   *
   * @param env the environment, e.g. {@code System.getenv()}
   * @param clock the clock
   * @return the notifier, empty when Telegram is not configured
   * @throws io.github.mmsdk.api.InvalidConfigurationException when only partly or wrongly set
   */
  public static Optional<TelegramNotifier> fromEnvironment(Map<String, String> env, Clock clock) {
    return configFromEnvironment(env).map(c -> create(c, clock));
  }

  /**
   * The HTML text of a notification: bold title, then the escaped plain body, within the limit.
   *
   * @param n the notification
   * @return the text
   */
  static String text(Notification n) {
    String title = Rendering.truncate(Rendering.title(n), 256);
    String body = Rendering.plainBody(n);
    int room = MAX_TEXT_LENGTH - title.codePointCount(0, title.length()) - 1;
    return "<b>"
        + Rendering.telegramHtml(title)
        + "</b>\n"
        + Rendering.telegramHtml(Rendering.truncate(body, room));
  }

  /**
   * The JSON request body.
   *
   * @param n the notification
   * @return the body
   */
  String body(Notification n) {
    ObjectNode o = Json.object();
    o.put("chat_id", config.chatId());
    o.put("text", text(n));
    o.put("parse_mode", "HTML");
    o.putObject("link_preview_options").put("is_disabled", true);
    o.put("disable_notification", n.priority().value() <= NotificationPriority.LOW.value());
    return Json.write(o);
  }

  @Override
  Attempt send(Notification n) throws IOException, InterruptedException {
    return http.post(
        config.baseUri().resolve("/bot" + config.botToken().reveal() + "/sendMessage"),
        n.id(),
        "application/json",
        body(n),
        Map.of(),
        this::accepted);
  }

  private Attempt accepted(Http.Response response) {
    JsonNode body = Json.read(response.body());
    if (!body.path("ok").asBoolean(false)) {
      return Attempt.permanentFailure(response.status(), http.describe(response));
    }
    JsonNode messageId = body.path("result").path("message_id");
    return Attempt.ok(response.status(), messageId.isMissingNode() ? null : messageId.asText());
  }

  @Override
  public String toString() {
    return "TelegramNotifier[chat=" + config.chatId() + "]";
  }
}
