package io.github.mmsdk.notify;

import static io.github.mmsdk.notify.FakeServer.ok;
import static io.github.mmsdk.notify.FakeServer.reset;
import static io.github.mmsdk.notify.FakeServer.status;
import static io.github.mmsdk.notify.Fixtures.FAST;
import static io.github.mmsdk.notify.Fixtures.exitState;
import static io.github.mmsdk.notify.Fixtures.mandatoryExit;
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
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TelegramNotifierIT extends HttpNotifierFixture<TelegramNotifier> {
  static final String TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";
  static final String OK = "{\"ok\":true,\"result\":{\"message_id\":42}}";
  static final String PATH = "/bot" + TOKEN + "/sendMessage";

  private TelegramConfig config() {
    return new TelegramConfig.Builder()
        .botToken(Secret.of(TOKEN))
        .chatId("-1001234567890")
        .baseUri(server.uri())
        .delivery(FAST)
        .build();
  }

  private TelegramNotifier notifier(DeadLetterSink sink) {
    TelegramNotifier n = TelegramNotifier.create(config(), clock, sink);
    toClose.add(n);
    return n;
  }

  @Override
  protected Notifier createNotifier() {
    server.byDefault(PATH, ok(OK));
    return TelegramNotifier.create(config(), clock);
  }

  @Override
  protected Optional<Notifier> createFailingNotifier(DeadLetterSink sink) {
    server.byDefault(PATH, reset());
    return Optional.of(notifier(sink));
  }

  @Override
  protected OptionalLong deliveriesSeen(String notificationId) {
    return OptionalLong.of(server.accepted(notificationId));
  }

  @Test
  void callsSendMessageWithHtmlText() throws Exception {
    server.byDefault(PATH, ok(OK));
    Notification n =
        new Notification.Builder()
            .from(mandatoryExit("t1"))
            .message("Price < lower bound & falling")
            .build();

    DeliveryReport r = notifier(new InMemoryDeadLetterSink(clock)).deliver(n);

    assertThat(r.delivered()).isTrue();
    assertThat(r.receipt()).contains("42");
    FakeServer.Request req = server.requests().get(0);
    assertThat(req.path()).isEqualTo(PATH);
    assertThat(req.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = new ObjectMapper().readTree(req.body());
    assertThat(body.get("chat_id").asText()).isEqualTo("-1001234567890");
    assertThat(body.get("parse_mode").asText()).isEqualTo("HTML");
    assertThat(body.get("disable_notification").asBoolean()).isFalse();
    assertThat(body.get("link_preview_options").get("is_disabled").asBoolean()).isTrue();
    assertThat(body.get("text").asText())
        .isEqualTo(
            "<b>🚨 MANDATORY EXIT: eth-grid-1</b>\n"
                + "ACTION: Stop grid eth-grid-1 now and move the capital to reserve.\n"
                + "Price &lt; lower bound &amp; falling\n\n"
                + "symbol: ETH-USDT\ngrid: eth-grid-1\nregime: TRENDING\nexit_state: MANDATORY_EXIT");
  }

  @Test
  void lowPrioritiesAreSilentAndLongTextIsCut() throws Exception {
    server.byDefault(PATH, ok(OK));
    Notification n =
        new Notification.Builder()
            .from(exitState("t2", NotificationPriority.LOW))
            .message("z".repeat(6000))
            .build();

    notifier(new InMemoryDeadLetterSink(clock)).deliver(n);

    JsonNode body = new ObjectMapper().readTree(server.requests().get(0).body());
    assertThat(body.get("disable_notification").asBoolean()).isTrue();
    String text = body.get("text").asText();
    assertThat(text.length() - "<b></b>".length())
        .isLessThanOrEqualTo(TelegramNotifier.MAX_TEXT_LENGTH);
    assertThat(text).endsWith("… [truncated]");
  }

  @Test
  void retries429ButNotABadRequestAndNeverLeaksTheToken() {
    server.enqueue(
        PATH,
        status(429, "{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":1}}"),
        ok(OK),
        status(
            400,
            "{\"ok\":false,\"description\":\"Bad Request: chat not found for bot" + TOKEN + "\"}"));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    DeliveryReport a;
    DeliveryReport b;
    TelegramNotifier n;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      n = notifier(new InMemoryDeadLetterSink(clock));
      a = n.deliver(exitState("t3", NotificationPriority.NORMAL));
      b = n.deliver(exitState("t4", NotificationPriority.NORMAL));
    } finally {
      System.setErr(original);
    }
    assertThat(a.attempts()).isEqualTo(2);
    assertThat(a.delivered()).isTrue();
    assertThat(b.status()).isEqualTo(DeliveryReport.Status.DEAD_LETTERED);
    assertThat(b.attempts()).isEqualTo(1);
    assertThat(b.error().orElseThrow()).contains("chat not found");
    String all = captured.toString(StandardCharsets.UTF_8) + a + b + n + n.health() + config();
    assertThat(all).contains("t4").doesNotContain(TOKEN);
  }

  @Test
  void a200WithOkFalseIsAPermanentFailure() {
    server.byDefault(PATH, ok("{\"ok\":false}"));
    DeliveryReport r =
        notifier(new InMemoryDeadLetterSink(clock))
            .deliver(exitState("t5", NotificationPriority.NORMAL));
    assertThat(r.status()).isEqualTo(DeliveryReport.Status.DEAD_LETTERED);
    assertThat(r.attempts()).isEqualTo(1);
  }

  @Test
  void readsItsConfigurationFromTheEnvironment() {
    server.byDefault(PATH, ok(OK));
    Map<String, String> env =
        Map.of(
            TelegramNotifier.ENV_BOT_TOKEN,
            TOKEN,
            TelegramNotifier.ENV_CHAT_ID,
            "@mm_alerts",
            TelegramNotifier.ENV_URL,
            server.uri().toString());
    TelegramNotifier n = TelegramNotifier.fromEnvironment(env, clock).orElseThrow();
    toClose.add(n);
    assertThat(n.deliver(exitState("t6", NotificationPriority.NORMAL)).delivered()).isTrue();
    assertThat(TelegramNotifier.fromEnvironment(Map.of(), clock)).isEmpty();
  }
}
