package io.github.mmsdk.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
  static final Secret TOKEN = Secret.of("tok-0123456789");
  static final Secret USER = Secret.of("usr-0123456789");

  private static PushoverConfig.Builder pushover() {
    PushoverConfig.Builder b = new PushoverConfig.Builder();
    b.token(TOKEN).userKey(USER);
    return b;
  }

  @Test
  void pushoverDefaultsFollowTheApi() {
    PushoverConfig c = pushover().build();
    assertThat(c.baseUri()).isEqualTo(URI.create("https://api.pushover.net"));
    assertThat(c.emergencyRetry()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.emergencyExpire()).isEqualTo(Duration.ofHours(1));
    assertThat(c.html()).isFalse();
    assertThat(c.device()).isEmpty();
    assertThat(c.delivery()).isEqualTo(DeliveryPolicy.defaults());
    assertThat(c.toString()).doesNotContain("tok-0123456789").doesNotContain("usr-0123456789");
  }

  @Test
  void pushoverRefusesValuesTheApiRefuses() {
    assertThatThrownBy(() -> pushover().emergencyRetry(Duration.ofSeconds(29)).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("emergency_retry");
    assertThatThrownBy(() -> pushover().emergencyExpire(Duration.ofHours(3).plusSeconds(1)).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("emergency_expire");
    assertThatThrownBy(
            () ->
                pushover()
                    .emergencyRetry(Duration.ofMinutes(10))
                    .emergencyExpire(Duration.ofMinutes(5))
                    .build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> pushover().receiptPollInterval(Duration.ofSeconds(1)).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> pushover().token(Secret.of(" ")).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("token");
    assertThatThrownBy(() -> pushover().userKey(Secret.of("")).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("user_key");
    assertThatThrownBy(() -> pushover().baseUri(URI.create("http://api.pushover.net")).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("https");
  }

  @Test
  void deliveryPolicyIsValidated() {
    DeliveryPolicy d = DeliveryPolicy.defaults();
    assertThat(d.maxAttempts()).isEqualTo(3);
    assertThat(d.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.deadLetterMaxAge()).isEqualTo(Duration.ofHours(24));
    assertThatThrownBy(() -> new DeliveryPolicy.Builder().maxAttempts(0).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("max_attempts");
    assertThatThrownBy(() -> new DeliveryPolicy.Builder().maxAttempts(11).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new DeliveryPolicy.Builder().requestTimeout(Duration.ZERO).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("request_timeout");
    assertThatThrownBy(
            () ->
                new DeliveryPolicy.Builder()
                    .initialBackoff(Duration.ofSeconds(5))
                    .maxBackoff(Duration.ofSeconds(1))
                    .build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () -> new DeliveryPolicy.Builder().drainTimeout(Duration.ofSeconds(-1)).build())
        .isInstanceOf(InvalidConfigurationException.class);
    // equal backoffs mean a fixed delay
    assertThat(
            new DeliveryPolicy.Builder()
                .initialBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(5))
                .build()
                .maxBackoff())
        .isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void telegramAndSlackAreValidatedWithoutPrintingSecrets() {
    assertThatThrownBy(
            () -> new TelegramConfig.Builder().botToken(Secret.of("a/b")).chatId("1").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("bot_token")
        .hasMessageNotContaining("a/b");
    assertThatThrownBy(
            () -> new TelegramConfig.Builder().botToken(Secret.of("123:abc")).chatId(" ").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("chat_id");
    TelegramConfig t =
        new TelegramConfig.Builder().botToken(Secret.of("123:abc")).chatId("1").build();
    assertThat(t.baseUri()).isEqualTo(URI.create("https://api.telegram.org"));
    assertThat(t.toString()).doesNotContain("123:abc");
    String slackUrl = "http://hooks.slack.com/services/T/B/secret";
    assertThatThrownBy(() -> new SlackConfig.Builder().webhookUrl(Secret.of(slackUrl)).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageNotContaining("secret");
    SlackConfig s =
        new SlackConfig.Builder()
            .webhookUrl(Secret.of("https://hooks.slack.com/services/T/B/secret"))
            .build();
    assertThat(s.toString()).doesNotContain("secret");
  }

  @Test
  void environmentFactoriesNeedAllOrNoneOfAChannelsVariables() {
    assertThat(PushoverNotifier.configFromEnvironment(Map.of())).isEmpty();
    assertThat(
            PushoverNotifier.configFromEnvironment(
                Map.of(PushoverNotifier.ENV_TOKEN, " ", PushoverNotifier.ENV_USER_KEY, "")))
        .isEmpty();
    assertThatThrownBy(
            () -> PushoverNotifier.configFromEnvironment(Map.of(PushoverNotifier.ENV_TOKEN, "t")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(PushoverNotifier.ENV_USER_KEY);
    assertThatThrownBy(
            () -> TelegramNotifier.configFromEnvironment(Map.of(TelegramNotifier.ENV_CHAT_ID, "1")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(TelegramNotifier.ENV_BOT_TOKEN);
    assertThat(
            PushoverNotifier.configFromEnvironment(
                    Map.of(PushoverNotifier.ENV_TOKEN, " t ", PushoverNotifier.ENV_USER_KEY, "u"))
                .orElseThrow()
                .token())
        .isEqualTo(Secret.of("t"));
    assertThatThrownBy(
            () ->
                PushoverNotifier.configFromEnvironment(
                    Map.of(
                        PushoverNotifier.ENV_TOKEN, "t",
                        PushoverNotifier.ENV_USER_KEY, "u",
                        PushoverNotifier.ENV_URL, "http://example.com")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(PushoverNotifier.ENV_URL);
  }
}
