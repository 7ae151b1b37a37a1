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
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Posts notifications to a Slack incoming webhook: JSON {@code {"text": …}} in mrkdwn, the title in
 * bold and the rest escaped, at most {@value #MAX_TEXT_LENGTH} characters. The webhook URL is the
 * credential and is never logged.
 */
public final class SlackNotifier extends ChannelNotifier {
  /** The channel name in reports. */
  public static final String CHANNEL = "slack";

  /** Environment variable of the incoming-webhook URL. */
  public static final String ENV_WEBHOOK_URL = "MARKET_MAKER_NOTIFICATIONS_SLACK_WEBHOOK_URL";

  /** The longest text sent; Slack splits or cuts longer messages. */
  public static final int MAX_TEXT_LENGTH = 3900;

  private final SlackConfig config;

  private SlackNotifier(SlackConfig config, Clock clock, DeadLetterSink sink) {
    super(
        CHANNEL,
        config.delivery(),
        Redactor.of(config.webhookUrl(), pathSecret(config), lastSegment(config)),
        clock,
        sink);
    this.config = config;
  }

  // the path of a Slack webhook URL is the credential: a server echoing it must not leak it
  private static Secret pathSecret(SlackConfig config) {
    String path = config.uri().getRawPath();
    return Secret.of(path == null || path.length() < 8 ? "" : path);
  }

  private static Secret lastSegment(SlackConfig config) {
    String path = config.uri().getRawPath();
    String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    return Secret.of(last.length() < 8 ? "" : last);
  }

  /**
   * A notifier with the in-memory dead-letter sink.
   *
   * @param config the configuration
   * @param clock the clock
   * @return the notifier
   */
  public static SlackNotifier create(SlackConfig config, Clock clock) {
    return new SlackNotifier(config, clock, null);
  }

  /**
   * A notifier.
   *
   * @param config the configuration
   * @param clock the clock
   * @param sink where undeliverable notifications go
   * @return the notifier
   */
  public static SlackNotifier create(SlackConfig config, Clock clock, DeadLetterSink sink) {
    return new SlackNotifier(config, clock, sink);
  }

  /**
   * The configuration from {@value #ENV_WEBHOOK_URL}.
   *
   * @param env the environment, e.g. {@code System.getenv()}
   * @return the configuration, empty when Slack is not configured
   * @throws io.github.mmsdk.api.InvalidConfigurationException when the URL is not allowed
   */
  public static Optional<SlackConfig> configFromEnvironment(Map<String, String> env) {
    return Env.get(env, ENV_WEBHOOK_URL)
        .map(u -> new SlackConfig.Builder().webhookUrl(Secret.of(u)).build());
  }

  /**
   * A notifier configured from the environment, with the in-memory dead-letter sink.
   *
   * @param env the environment, e.g. {@code System.getenv()}
   * @param clock the clock
   * @return the notifier, empty when Slack is not configured
   * @throws io.github.mmsdk.api.InvalidConfigurationException when the URL is not allowed
   */
  public static Optional<SlackNotifier> fromEnvironment(Map<String, String> env, Clock clock) {
    return configFromEnvironment(env).map(c -> create(c, clock));
  }

  /**
   * The mrkdwn text of a notification.
   *
   * @param n the notification
   * @return the text
   */
  static String text(Notification n) {
    String text =
        "*"
            + Rendering.slackEscape(Rendering.title(n))
            + "*\n"
            + Rendering.slackEscape(Rendering.plainBody(n));
    return Rendering.truncateHtml(text, MAX_TEXT_LENGTH);
  }

  /**
   * The JSON request body.
   *
   * @param n the notification
   * @return the body
   */
  static String body(Notification n) {
    ObjectNode o = Json.object();
    o.put("text", text(n));
    o.put("mrkdwn", true);
    return Json.write(o);
  }

  @Override
  Attempt send(Notification n) throws IOException, InterruptedException {
    return http.post(
        config.uri(),
        n.id(),
        "application/json",
        body(n),
        Map.of(),
        r -> Attempt.ok(r.status(), null));
  }

  @Override
  public String toString() {
    return "SlackNotifier[****]";
  }
}
