package io.github.mmsdk.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
  // the published Standard Webhooks / Svix example
  static final Secret SECRET = Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long TS = 1614265330L;
  static final String BODY = "{\"test\": 2432232314}";
  static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static Clock at(long seconds) {
    return Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
  }

  @Test
  void matchesTheStandardWebhooksReferenceSignature() {
    assertThat(WebhookVerifier.sign(SECRET, ID, TS, BODY)).isEqualTo(EXPECTED);
    assertThat(WebhookVerifier.create(SECRET, at(TS)).verify(ID, Long.toString(TS), EXPECTED, BODY))
        .isEqualTo(Instant.ofEpochSecond(TS));
  }

  @Test
  void acceptsOneMatchingSignatureAmongSeveralAndHeadersInAnyCase() {
    WebhookVerifier v = WebhookVerifier.create(SECRET, at(TS + 299));
    String header = "v1,bm90IGl0 v2,abc " + EXPECTED + " garbage";
    assertThat(v.verify(ID, Long.toString(TS), header, BODY)).isEqualTo(Instant.ofEpochSecond(TS));
    Map<String, List<String>> headers =
        Map.of(
            "Webhook-Id", List.of(ID),
            "WEBHOOK-TIMESTAMP", List.of(Long.toString(TS)),
            "webhook-signature", List.of(EXPECTED));
    assertThat(v.verify(headers, BODY)).isEqualTo(Instant.ofEpochSecond(TS));
  }

  @Test
  void rejectsTamperingStaleOrFutureTimestampsAndMissingHeaders() {
    WebhookVerifier v = WebhookVerifier.create(SECRET, at(TS));
    assertThatThrownBy(() -> v.verify(ID, Long.toString(TS), EXPECTED, BODY + " "))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessageContaining("signature");
    assertThatThrownBy(() -> v.verify("msg_other", Long.toString(TS), EXPECTED, BODY))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(
            () ->
                WebhookVerifier.create(SECRET, at(TS + 301))
                    .verify(ID, Long.toString(TS), EXPECTED, BODY))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessageContaining("replay window");
    assertThatThrownBy(
            () ->
                WebhookVerifier.create(SECRET, at(TS - 301))
                    .verify(ID, Long.toString(TS), EXPECTED, BODY))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> v.verify(ID, "yesterday", EXPECTED, BODY))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessageContaining("timestamp");
    assertThatThrownBy(() -> v.verify(Map.of(), BODY))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> v.verify(ID, Long.toString(TS), "v1,!!notbase64!!", BODY))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(
            () ->
                WebhookVerifier.create(
                        Secret.of(
                            "whsec_"
                                + java.util.Base64.getEncoder()
                                    .encodeToString(new byte[] {1, 2, 3})),
                        at(TS))
                    .verify(ID, Long.toString(TS), EXPECTED, BODY))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void aCustomToleranceNarrowsTheReplayWindow() {
    WebhookVerifier v = WebhookVerifier.create(SECRET, Duration.ofSeconds(10), at(TS + 11));
    assertThatThrownBy(() -> v.verify(ID, Long.toString(TS), EXPECTED, BODY))
        .isInstanceOf(WebhookVerificationException.class);
    assertThatThrownBy(() -> WebhookVerifier.create(SECRET, Duration.ofSeconds(-1), at(TS)))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void refusesSecretsThatAreNotBase64WithoutPrintingThem() {
    assertThatThrownBy(() -> WebhookVerifier.create(Secret.of("whsec_not base64!"), at(TS)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageNotContaining("not base64!");
    assertThatThrownBy(() -> WebhookVerifier.create(Secret.of("whsec_"), at(TS)))
        .isInstanceOf(InvalidConfigurationException.class);
    // the prefix is optional
    assertThat(WebhookVerifier.sign(Secret.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), ID, TS, BODY))
        .isEqualTo(EXPECTED);
  }

  @Test
  void everySignedMessageVerifiesAndAnyChangedBodyDoesNot() {
    qt().withFixedSeed(20261123L)
        .withExamples(300)
        .forAll(strings().allPossible().ofLengthBetween(0, 200), longs().between(0, 4_000_000_000L))
        .checkAssert(
            (body, ts) -> {
              String sig = WebhookVerifier.sign(SECRET, "id-1", ts, body);
              WebhookVerifier v = WebhookVerifier.create(SECRET, at(ts));
              assertThat(v.verify("id-1", Long.toString(ts), sig, body))
                  .isEqualTo(Instant.ofEpochSecond(ts));
              assertThatThrownBy(() -> v.verify("id-1", Long.toString(ts), sig, body + "x"))
                  .isInstanceOf(WebhookVerificationException.class);
            });
  }
}
