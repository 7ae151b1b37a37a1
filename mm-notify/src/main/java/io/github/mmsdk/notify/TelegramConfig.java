package io.github.mmsdk.notify;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Secret;
import io.github.mmsdk.notify.internal.NotifyValue;
import io.github.mmsdk.notify.internal.UrlPolicy;
import java.net.URI;
import org.immutables.value.Value;

/** Configuration of the {@link TelegramNotifier}. The bot token is never logged. */
@NotifyValue
@Value.Immutable
public abstract class TelegramConfig {

  TelegramConfig() {}

  /** {@return the bot token from BotFather} */
  public abstract Secret botToken();

  /** {@return the chat to post to: a numeric id or {@code @channelusername}} */
  public abstract String chatId();

  /** {@return the Bot API base URL; default {@code https://api.telegram.org}} */
  @Value.Default
  public URI baseUri() {
    return URI.create("https://api.telegram.org");
  }

  /** {@return timeouts, retries and dead-letter expiry} */
  @Value.Default
  public DeliveryPolicy delivery() {
    return DeliveryPolicy.defaults();
  }

  @Value.Check
  void check() {
    if (botToken().reveal().isBlank() || botToken().reveal().contains("/")) {
      throw new InvalidConfigurationException(
          "notifications.telegram.bot_token", "must be a non-blank token without '/'");
    }
    if (chatId().isBlank()) {
      throw new InvalidConfigurationException(
          "notifications.telegram.chat_id", "must not be blank");
    }
    UrlPolicy.requireAllowed(baseUri(), "notifications.telegram.url");
  }

  /** Builds a {@link TelegramConfig}. */
  public static final class Builder extends ImmutableTelegramConfig.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
