package io.github.mmsdk.notify;

import static io.github.mmsdk.notify.FakeServer.hang;
import static io.github.mmsdk.notify.FakeServer.ok;
import static io.github.mmsdk.notify.FakeServer.reset;
import static io.github.mmsdk.notify.FakeServer.status;
import static io.github.mmsdk.notify.Fixtures.FAST;
import static io.github.mmsdk.notify.Fixtures.T0;
import static io.github.mmsdk.notify.Fixtures.exitState;
import static io.github.mmsdk.notify.Fixtures.mandatoryExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Secret;
import io.github.mmsdk.api.notify.DeadLetterSink;
import io.github.mmsdk.api.notify.DeliveryReport;
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

class WebhookNotifierIT extends HttpNotifierFixture<WebhookNotifier> {
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private WebhookConfig config() {
    return new WebhookConfig.Builder()
        .url(server.uri("/hooks/mm"))
        .secret(Secret.of(SECRET))
        .delivery(FAST)
        .build();
  }

  private WebhookNotifier notifier(DeadLetterSink sink) {
    WebhookNotifier n = WebhookNotifier.create(config(), clock, sink);
    toClose.add(n);
    return n;
  }

  @Override
  protected Notifier createNotifier() {
    server.byDefault("/hooks/mm", ok(""));
    return WebhookNotifier.create(config(), clock);
  }

  @Override
  protected Optional<Notifier> createFailingNotifier(DeadLetterSink sink) {
    server.byDefault("/hooks/mm", status(502, ""));
    return Optional.of(notifier(sink));
  }

  @Override
  protected OptionalLong deliveriesSeen(String notificationId) {
    return OptionalLong.of(server.accepted(notificationId));
  }

  @Test
  void postsAVersionedSignedEventThatAStandardVerifierAccepts() throws Exception {
    server.byDefault("/hooks/mm", ok(""));
    clock.advance(Duration.ofSeconds(30));

    DeliveryReport r = notifier(new InMemoryDeadLetterSink(clock)).deliver(mandatoryExit("evt-1"));

    assertThat(r.delivered()).isTrue();
    FakeServer.Request req = server.requests().get(0);
    assertThat(req.method()).isEqualTo("POST");
    assertThat(req.header("Content-Type")).isEqualTo("application/json");
    assertThat(req.header("webhook-id")).isEqualTo("evt-1");
    assertThat(req.header("webhook-timestamp")).isEqualTo(Long.toString(T0.getEpochSecond() + 30));
    assertThat(req.header("webhook-signature"))
        .isEqualTo(
            WebhookVerifier.sign(Secret.of(SECRET), "evt-1", T0.getEpochSecond() + 30, req.body()));
    assertThat(req.header("webhook-signature")).startsWith("v1,");
    WebhookVerifier verifier = WebhookVerifier.create(Secret.of(SECRET), clock);
    assertThat(verifier.verify(req.headers(), req.body())).isEqualTo(T0.plusSeconds(30));

    assertThat(req.body())
        .startsWith(
            "{\"id\":\"evt-1\",\"type\":\"notification.exit_state\","
                + "\"timestamp\":\"2026-11-23T10:00:00Z\",\"schema_version\":1,\"payload\":{");
    JsonNode body = new ObjectMapper().readTree(req.body());
    JsonNode p = body.get("payload");
    assertThat(p.get("kind").asText()).isEqualTo("EXIT_STATE");
    assertThat(p.get("priority").asText()).isEqualTo("EMERGENCY");
    assertThat(p.get("priority_value").asInt()).isEqualTo(2);
    assertThat(p.get("symbol").asText()).isEqualTo("ETH-USDT");
    assertThat(p.get("grid_id").asText()).isEqualTo("eth-grid-1");
    assertThat(p.get("fields").get("exit_state").asText()).isEqualTo("MANDATORY_EXIT");
    assertThat(p.get("text").asText()).startsWith("ACTION: Stop grid eth-grid-1 now");
  }

  @Test
  void everyRetryKeepsTheIdAndIsFreshlySigned() {
    server.enqueue("/hooks/mm", status(500, ""), hang(Duration.ofSeconds(2)), reset(), ok(""));
    WebhookNotifier n =
        WebhookNotifier.create(
            new WebhookConfig.Builder()
                .from(config())
                .delivery(new DeliveryPolicy.Builder().from(FAST).maxAttempts(4).build())
                .build(),
            clock,
            new InMemoryDeadLetterSink(clock));
    toClose.add(n);

    DeliveryReport r = n.deliver(exitState("evt-2", NotificationPriority.HIGH));

    assertThat(r.status()).isEqualTo(DeliveryReport.Status.DELIVERED);
    assertThat(r.attempts()).isEqualTo(4);
    assertThat(server.accepted("evt-2")).isEqualTo(1);
    WebhookVerifier verifier = WebhookVerifier.create(Secret.of(SECRET), clock);
    assertThat(server.requests()).hasSize(4);
    for (FakeServer.Request req : server.requests()) {
      assertThat(req.header("webhook-id")).isEqualTo("evt-2");
      assertThat(verifier.verify(req.headers(), req.body())).isEqualTo(T0);
    }
    assertThat(server.requests())
        .extracting(FakeServer.Request::body)
        .containsOnly(server.requests().get(0).body());
  }

  @Test
  void a4xxOtherThan429IsNotRetried() {
    server.byDefault("/hooks/mm", status(410, "gone"));
    InMemoryDeadLetterSink sink = new InMemoryDeadLetterSink(clock);

    DeliveryReport r = notifier(sink).deliver(exitState("evt-3", NotificationPriority.NORMAL));

    assertThat(r.status()).isEqualTo(DeliveryReport.Status.DEAD_LETTERED);
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(sink.pending())
        .singleElement()
        .satisfies(d -> assertThat(d.notification().id()).isEqualTo("evt-3"));
  }

  @Test
  void neverLogsOrReportsTheSecret() {
    String rawKey = SECRET.substring("whsec_".length());
    server.byDefault("/hooks/mm", status(401, "bad secret " + SECRET));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    DeliveryReport r;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      WebhookNotifier n = notifier(new InMemoryDeadLetterSink(clock));
      r = n.deliver(exitState("evt-4", NotificationPriority.NORMAL));
      n.retryDeadLetters();
    } finally {
      System.setErr(original);
    }
    String all = captured.toString(StandardCharsets.UTF_8) + r + config();
    assertThat(all).contains("evt-4").doesNotContain(SECRET).doesNotContain(rawKey);
  }

  @Test
  void readsItsConfigurationFromTheEnvironmentAndRefusesPlainHttpToRemoteHosts() {
    server.byDefault("/hooks/mm", ok(""));
    Map<String, String> env =
        Map.of(
            WebhookNotifier.ENV_URL,
            server.uri("/hooks/mm").toString(),
            WebhookNotifier.ENV_SECRET,
            SECRET);
    WebhookNotifier n = WebhookNotifier.fromEnvironment(env, clock).orElseThrow();
    toClose.add(n);
    assertThat(n.deliver(exitState("evt-5", NotificationPriority.NORMAL)).delivered()).isTrue();
    assertThat(n.toString()).contains("127.0.0.1");

    assertThat(WebhookNotifier.fromEnvironment(Map.of(), clock)).isEmpty();
    assertThatThrownBy(
            () ->
                WebhookNotifier.fromEnvironment(
                    Map.of(WebhookNotifier.ENV_URL, "https://x.example"), clock))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(WebhookNotifier.ENV_SECRET);
    assertThatThrownBy(
            () ->
                WebhookNotifier.fromEnvironment(
                    Map.of(
                        WebhookNotifier.ENV_URL,
                        "http://hooks.example.com/x",
                        WebhookNotifier.ENV_SECRET,
                        SECRET),
                    clock))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("https");
  }
}
