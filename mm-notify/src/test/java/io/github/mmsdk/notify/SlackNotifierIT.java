package io.github.mmsdk.notify;

import static io.github.mmsdk.notify.FakeServer.hang;
import static io.github.mmsdk.notify.FakeServer.ok;
import static io.github.mmsdk.notify.FakeServer.status;
import static io.github.mmsdk.notify.Fixtures.FAST;
import static io.github.mmsdk.notify.Fixtures.exitState;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mmsdk.api.Secret;
import io.github.mmsdk.api.notify.DeadLetterSink;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.api.notify.Notifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SlackNotifierIT extends HttpNotifierFixture<SlackNotifier> {
  static final String PATH = "/services/T0001/B0001/XXXXsecretXXXX";

  private SlackConfig config() {
    return new SlackConfig.Builder()
        .webhookUrl(Secret.of(server.uri(PATH).toString()))
        .delivery(FAST)
        .build();
  }

  private SlackNotifier notifier(DeadLetterSink sink) {
    SlackNotifier n = SlackNotifier.create(config(), clock, sink);
    toClose.add(n);
    return n;
  }

  @Override
  protected Notifier createNotifier() {
    server.byDefault(PATH, ok("ok"));
    return SlackNotifier.create(config(), clock);
  }

  @Override
  protected Optional<Notifier> createFailingNotifier(DeadLetterSink sink) {
    server.byDefault(PATH, hang(Duration.ofSeconds(2)));
    return Optional.of(notifier(sink));
  }

  @Override
  protected OptionalLong deliveriesSeen(String notificationId) {
    return OptionalLong.of(server.accepted(notificationId));
  }

  @Test
  void postsEscapedMrkdwnText() throws Exception {
    server.byDefault(PATH, ok("ok"));
    Notification n =
        new Notification.Builder()
            .from(exitState("s1", NotificationPriority.HIGH))
            .message("Spread <0.1% & shrinking")
            .build();

    assertThat(notifier(new InMemoryDeadLetterSink(clock)).deliver(n).delivered()).isTrue();

    FakeServer.Request req = server.requests().get(0);
    assertThat(req.path()).isEqualTo(PATH);
    JsonNode body = new ObjectMapper().readTree(req.body());
    assertThat(body.get("mrkdwn").asBoolean()).isTrue();
    assertThat(body.get("text").asText())
        .isEqualTo(
            "*⚠️ ETH-USDT: WARNING*\nSpread &lt;0.1% &amp; shrinking\n\n"
                + "symbol: ETH-USDT\ngrid: eth-grid-1\nregime: TRENDING\nexit_state: WARNING\n"
                + "reasons: ADX 28.5 &gt; 25; efficiency ratio 0.62");
  }

  @Test
  void retries5xxAndNeverLeaksTheWebhookUrl() {
    server.enqueue(PATH, status(500, "internal_error"), status(404, "no_service " + PATH));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    DeliveryReport r;
    SlackNotifier n;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      n = notifier(new InMemoryDeadLetterSink(clock));
      r = n.deliver(exitState("s2", NotificationPriority.NORMAL));
    } finally {
      System.setErr(original);
    }
    assertThat(r.status()).isEqualTo(DeliveryReport.Status.DEAD_LETTERED);
    assertThat(r.attempts()).isEqualTo(2);
    String all = captured.toString(StandardCharsets.UTF_8) + r + n + n.health() + config();
    assertThat(all).contains("s2").doesNotContain("XXXXsecretXXXX");
  }

  @Test
  void readsItsConfigurationFromTheEnvironment() {
    server.byDefault(PATH, ok("ok"));
    SlackNotifier n =
        SlackNotifier.fromEnvironment(
                Map.of(SlackNotifier.ENV_WEBHOOK_URL, server.uri(PATH).toString()), clock)
            .orElseThrow();
    toClose.add(n);
    assertThat(n.deliver(exitState("s3", NotificationPriority.NORMAL)).delivered()).isTrue();
    assertThat(SlackNotifier.fromEnvironment(Map.of(), clock)).isEmpty();
  }
}
