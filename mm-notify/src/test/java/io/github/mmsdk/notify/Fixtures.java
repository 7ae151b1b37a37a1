package io.github.mmsdk.notify;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Shared test data. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  /** A fast delivery policy for loopback tests: short timeouts, millisecond backoff. */
  static final DeliveryPolicy FAST =
      new DeliveryPolicy.Builder()
          .requestTimeout(Duration.ofMillis(700))
          .connectTimeout(Duration.ofSeconds(2))
          .maxAttempts(3)
          .initialBackoff(Duration.ofMillis(5))
          .maxBackoff(Duration.ofMillis(20))
          .drainTimeout(Duration.ofSeconds(5))
          .build();

  private Fixtures() {}

  static Notification exitState(String id, NotificationPriority p) {
    return new Notification.Builder()
        .id(id)
        .kind(Notification.Kind.EXIT_STATE)
        .priority(p)
        .title("ETH-USDT: WARNING")
        .message("Two exit conditions met.")
        .symbol(Symbol.of("ETH", "USDT"))
        .gridId("eth-grid-1")
        .createdAt(T0)
        .putField("regime", "TRENDING")
        .putField("exit_state", "WARNING")
        .putField("reasons", "ADX 28.5 > 25; efficiency ratio 0.62")
        .build();
  }

  static Notification mandatoryExit(String id) {
    return new Notification.Builder()
        .id(id)
        .kind(Notification.Kind.EXIT_STATE)
        .priority(NotificationPriority.EMERGENCY)
        .title("MANDATORY EXIT: eth-grid-1")
        .message("Regime TRENDING confirmed on 1h and 4h.")
        .symbol(Symbol.of("ETH", "USDT"))
        .gridId("eth-grid-1")
        .createdAt(T0)
        .putField("regime", "TRENDING")
        .putField("exit_state", "MANDATORY_EXIT")
        .putField("action", "Stop grid eth-grid-1 now and move the capital to reserve.")
        .build();
  }

  static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
