package io.github.mmsdk.notify;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies webhooks the Standard Webhooks way, for receivers of {@link WebhookNotifier}.
 *
 * <p>The signed content is {@code <webhook-id>.<webhook-timestamp>.<body>}; the signature header is
 * a space-separated list of {@code v1,<base64 HMAC-SHA256>}; the secret is {@code whsec_} followed
 * by the base64 key (the prefix is optional). A message is accepted when one of its {@code v1}
 * signatures matches (compared in constant time) and its timestamp is within the tolerance of the
 * clock, in either direction; receivers should also drop repeated {@code webhook-id}s, which stay
 * the same across retries. Thread-safe.
 */
public final class WebhookVerifier {
  /** The header with the message id (the notification id, stable across retries). */
  public static final String ID_HEADER = "webhook-id";

  /** The header with the attempt time, Unix seconds. */
  public static final String TIMESTAMP_HEADER = "webhook-timestamp";

  /** The header with the signatures. */
  public static final String SIGNATURE_HEADER = "webhook-signature";

  /** The default replay window: 5 minutes either way. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final String PREFIX = "whsec_";

  private final byte[] key;
  private final Duration tolerance;
  private final Clock clock;

  private WebhookVerifier(byte[] key, Duration tolerance, Clock clock) {
    this.key = key;
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /**
   * A verifier with the default replay window.
   *
   * @param secret the shared {@code whsec_…} secret
   * @param clock the receiver's clock
   * @return the verifier
   * @throws InvalidConfigurationException when the secret is not base64
   */
  public static WebhookVerifier create(Secret secret, Clock clock) {
    return create(secret, DEFAULT_TOLERANCE, clock);
  }

  /**
   * A verifier.
   *
   * @param secret the shared {@code whsec_…} secret
   * @param tolerance how far the timestamp may be from the clock, either way
   * @param clock the receiver's clock
   * @return the verifier
   * @throws InvalidConfigurationException when the secret is not base64 or the tolerance negative
   */
  public static WebhookVerifier create(Secret secret, Duration tolerance, Clock clock) {
    if (tolerance.isNegative()) {
      throw new InvalidConfigurationException("webhook.tolerance", "must not be negative");
    }
    return new WebhookVerifier(decodeSecret(secret), tolerance, clock);
  }

  /**
   * Verifies a received webhook.
   *
   * @param id the {@code webhook-id} header
   * @param timestamp the {@code webhook-timestamp} header
   * @param signatures the {@code webhook-signature} header
   * @param body the raw body, exactly as received
   * @return the timestamp of the message
   * @throws WebhookVerificationException when it is not authentic or outside the replay window
   */
  public Instant verify(String id, String timestamp, String signatures, String body) {
    if (id == null || id.isBlank() || timestamp == null || signatures == null) {
      throw new WebhookVerificationException("missing webhook headers");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      throw new WebhookVerificationException("invalid webhook-timestamp");
    }
    Instant at = Instant.ofEpochSecond(seconds);
    Duration skew = Duration.between(at, clock.instant()).abs();
    if (skew.compareTo(tolerance) > 0) {
      throw new WebhookVerificationException(
          "webhook-timestamp outside the replay window (" + tolerance + ")");
    }
    byte[] expected = hmac(key, id + "." + seconds + "." + (body == null ? "" : body));
    for (String part : signatures.strip().split(" +")) {
      int comma = part.indexOf(',');
      if (comma < 0 || !part.substring(0, comma).equals("v1")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(part.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (MessageDigest.isEqual(expected, given)) {
        return at;
      }
    }
    throw new WebhookVerificationException("no matching webhook-signature");
  }

  /**
   * Verifies a received webhook from its headers (names compared case-insensitively).
   *
   * @param headers the request headers
   * @param body the raw body, exactly as received
   * @return the timestamp of the message
   * @throws WebhookVerificationException when it is not authentic or outside the replay window
   */
  public Instant verify(Map<String, List<String>> headers, String body) {
    return verify(
        header(headers, ID_HEADER).orElse(null),
        header(headers, TIMESTAMP_HEADER).orElse(null),
        header(headers, SIGNATURE_HEADER).orElse(null),
        body);
  }

  private static Optional<String> header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null
          && e.getKey().toLowerCase(Locale.ROOT).equals(name)
          && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  /**
   * The {@code webhook-signature} value for a message.
   *
   * @param secret the shared {@code whsec_…} secret
   * @param id the message id
   * @param timestampSeconds the attempt time, Unix seconds
   * @param body the exact body
   * @return {@code v1,<base64 HMAC-SHA256>}
   * @throws InvalidConfigurationException when the secret is not base64
   */
  public static String sign(Secret secret, String id, long timestampSeconds, String body) {
    return sign(decodeSecret(secret), id, timestampSeconds, body);
  }

  static String sign(byte[] key, String id, long timestampSeconds, String body) {
    return "v1,"
        + Base64.getEncoder().encodeToString(hmac(key, id + "." + timestampSeconds + "." + body));
  }

  static byte[] decodeSecret(Secret secret) {
    String s = secret.reveal().strip();
    if (s.startsWith(PREFIX)) {
      s = s.substring(PREFIX.length());
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(
          "notifications.webhook.secret", "must be whsec_ followed by base64");
    }
    if (key.length == 0) {
      throw new InvalidConfigurationException("notifications.webhook.secret", "must not be empty");
    }
    return key;
  }

  private static byte[] hmac(byte[] key, String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
