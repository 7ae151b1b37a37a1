package io.github.mmsdk.exchange.kucoin.internal;

import io.github.mmsdk.api.exchange.AuthenticationException;
import io.github.mmsdk.api.exchange.ExchangeException;
import io.github.mmsdk.api.exchange.PermanentExchangeException;
import io.github.mmsdk.api.exchange.PermissionRefusedException;
import io.github.mmsdk.api.exchange.RateLimitedException;
import io.github.mmsdk.api.exchange.TransientExchangeException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that turns a KuCoin answer into the SDK's typed exceptions (KUCOIN_API.md §4). The
 * body's {@code code} decides first, because KuCoin sends business errors with any HTTP status; the
 * HTTP status decides when the body has no code (an HTML block page, a proxy error).
 */
public final class ErrorClassifier {
  /** The venue id in every exception. */
  public static final String VENUE = "kucoin";

  private static final Set<String> AUTH_CODES =
      Set.of("400001", "400002", "400003", "400004", "400005", "400006", "400008", "400009");

  private ErrorClassifier() {}

  /**
   * Classifies a failed answer.
   *
   * @param operation the operation, e.g. {@code candles}
   * @param httpStatus the HTTP status
   * @param code the body's {@code code}, or the empty string when the body had none
   * @param msg the body's {@code msg}, or a short description
   * @param reset the rate-limit reset from the headers, when present
   * @return the exception to throw
   */
  public static ExchangeException classify(
      String operation, int httpStatus, String code, String msg, Optional<Duration> reset) {
    String text = clip(msg);
    if ("429000".equals(code) || httpStatus == 429) {
      return new RateLimitedException(VENUE, operation, "[429000] " + text, reset.orElse(null));
    }
    if ("200002".equals(code)) {
      return new RateLimitedException(
          VENUE, operation, "[200002] " + text, reset.orElse(Duration.ofSeconds(10)));
    }
    if (AUTH_CODES.contains(code) || (code.isEmpty() && httpStatus == 401)) {
      return new AuthenticationException(
          VENUE, operation, code.isEmpty() ? "http_401" : code, text);
    }
    if ("400007".equals(code) || "400010".equals(code)) {
      return new PermissionRefusedException(VENUE, "exchange_permission", "[" + code + "] " + text);
    }
    if (code.isEmpty() && httpStatus == 403) {
      return new RateLimitedException(
          VENUE, operation, "[http_403] " + text, reset.orElse(Duration.ofSeconds(30)));
    }
    if (httpStatus >= 500 || code.startsWith("5") || "503000".equals(code)) {
      return new TransientExchangeException(
          VENUE,
          operation,
          "[" + (code.isEmpty() ? "http_" + httpStatus : code) + "] " + text,
          null,
          null);
    }
    return new PermanentExchangeException(
        VENUE, operation, code.isEmpty() ? "http_" + httpStatus : code, text, null);
  }

  private static String clip(String msg) {
    String m = msg == null ? "" : msg.replaceAll("[\\r\\n\\t]+", " ").trim();
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }
}
