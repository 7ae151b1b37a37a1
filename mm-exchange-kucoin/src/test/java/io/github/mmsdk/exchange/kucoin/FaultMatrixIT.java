package io.github.mmsdk.exchange.kucoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exchange.AuthenticationException;
import io.github.mmsdk.api.exchange.PermanentExchangeException;
import io.github.mmsdk.api.exchange.RateLimitedException;
import io.github.mmsdk.api.exchange.TransientExchangeException;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.exchange.kucoin.fake.FakeKuCoin;
import io.github.mmsdk.exchange.kucoin.fake.FakeKuCoin.Fault;
import io.github.mmsdk.testkit.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every fault of the fake against every REST operation: each cell ends in a successful retry or the
 * expected typed error, with the circuit closed, and no adapter thread survives. Persistent faults
 * open the circuit (server errors) or not (rate limits, permanent errors). The matrix is written to
 * target/fault-matrix.md for docs/reliability.md.
 */
class FaultMatrixIT {
  private static final Symbol ETH = Symbol.of("ETH", "USDT");

  private record Op(String name, String path, boolean signed, Consumer<KuCoinExchange> call) {}

  private static final Op[] OPS = {
    new Op(
        "candles",
        "/api/v1/market/candles",
        false,
        e ->
            e.candles(
                ETH,
                Timeframe.H1,
                Loopback.NOW.minus(Duration.ofHours(48)),
                Loopback.NOW.minus(Duration.ofHours(24)))),
    new Op("market data", "/api/v1/market/orderbook/level1", false, e -> e.marketData(ETH)),
    new Op("symbol rules", "/api/v2/symbols", false, e -> e.symbolRules(ETH)),
    new Op("fee rates", "/api/v1/market/stats", false, e -> e.feeRates(ETH)),
    new Op("key permissions", "/api/v1/user/api-key", true, KuCoinExchange::keyPermissions),
    new Op("balance", "/api/v1/accounts", true, e -> e.balance("USDT")),
    new Op(
        "open orders",
        "/api/v1/hf/orders/active",
        true,
        e -> e.openOrders().orElseThrow().openOrders(ETH)),
  };

  @BeforeEach
  void data() {
    Assumptions.assumeTrue(
        FakeKuCoin.dataPresent(), "../shared/data absent: skipping real-data test");
  }

  private static String expected(Fault f, Op op) {
    switch (f) {
      case MALFORMED:
        return "PermanentExchangeException";
      case WRONG_SIGNATURE:
        return op.signed ? "AuthenticationException" : "ok";
      default:
        return "ok";
    }
  }

  @Test
  void every_fault_against_every_operation() throws IOException {
    Map<String, Map<String, String>> matrix = new LinkedHashMap<>();
    try (Loopback loop = new Loopback()) {
      loop.fake.timeoutStall(Duration.ofMillis(1300));
      for (Fault f : Fault.values()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (Op op : OPS) {
          KuCoinExchange e = loop.exchange(Loopback.KEY);
          try {
            // warm up: key guard and server time, so the fault hits the operation itself
            if (op.signed) {
              e.keyPermissions();
            }
            e.health();
            loop.fake.clearFaults();
            loop.fake.inject(op.path, f, 1);
            String outcome;
            try {
              op.call.accept(e);
              outcome = "ok";
            } catch (RuntimeException x) {
              outcome = x.getClass().getSimpleName();
            }
            String circuit = e.health().details().get("circuit");
            assertThat(outcome).as("%s x %s", f, op.name).isEqualTo(expected(f, op));
            assertThat(circuit).as("circuit after %s x %s", f, op.name).isEqualTo("CLOSED");
            long retries = Long.parseLong(e.health().details().get("retries"));
            row.put(op.name, outcome.equals("ok") ? (retries > 0 ? "retried, ok" : "ok") : outcome);
          } finally {
            e.close();
            loop.fake.skew(Duration.ZERO);
          }
        }
        matrix.put(f.name(), row);
      }
    }
    assertThat(adapterThreads()).as("adapter threads after close").isZero();
    write(matrix);
  }

  static long adapterThreads() {
    for (int i = 0; i < 100; i++) {
      long n =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.isAlive() && t.getName().startsWith("kucoin-"))
              .count();
      if (n == 0) {
        return 0;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return n;
      }
    }
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("kucoin-"))
        .count();
  }

  private static void write(Map<String, Map<String, String>> matrix) throws IOException {
    StringBuilder sb = new StringBuilder("| fault |");
    for (Op op : OPS) {
      sb.append(' ').append(op.name).append(" |");
    }
    sb.append("\n|---|");
    for (int i = 0; i < OPS.length; i++) {
      sb.append("---|");
    }
    sb.append('\n');
    matrix.forEach(
        (f, row) -> {
          sb.append("| ").append(f).append(" |");
          row.values().forEach(v -> sb.append(' ').append(v).append(" |"));
          sb.append('\n');
        });
    Path out = Path.of("target", "fault-matrix.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
  }

  @Test
  void persistent_server_errors_open_the_circuit_until_the_clock_passes_its_delay() {
    TestClock clock = TestClock.at(Loopback.NOW);
    try (Loopback loop = new Loopback(clock)) {
      KuCoinExchange e = loop.exchange(null);
      Instant to = Loopback.NOW.minus(Duration.ofDays(1));
      e.candles(ETH, Timeframe.H1, to.minus(Duration.ofHours(5)), to);
      loop.fake.inject("/api/v1/market/candles", Fault.ERROR_500, 9);
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> e.candles(ETH, Timeframe.H1, to.minus(Duration.ofHours(5)), to))
            .isExactlyInstanceOf(TransientExchangeException.class);
      }
      assertThat(e.health().details()).containsEntry("circuit", "OPEN");
      assertThat(e.health().status()).isEqualTo(HealthStatus.DEGRADED);
      int seen = loop.fake.requests().size();
      assertThatThrownBy(() -> e.candles(ETH, Timeframe.H1, to.minus(Duration.ofHours(5)), to))
          .isInstanceOfSatisfying(
              TransientExchangeException.class,
              x -> {
                assertThat(x.getMessage()).contains("circuit breaker open");
                assertThat(x.retryAfter()).contains(Duration.ofMinutes(30));
              });
      assertThat(loop.fake.requests()).as("an open circuit calls nobody").hasSize(seen);
      clock.advance(Duration.ofMinutes(29));
      assertThatThrownBy(() -> e.candles(ETH, Timeframe.H1, to.minus(Duration.ofHours(5)), to))
          .isInstanceOf(TransientExchangeException.class);
      clock.advance(Duration.ofMinutes(2));
      assertThat(e.candles(ETH, Timeframe.H1, to.minus(Duration.ofHours(5)), to).size())
          .isEqualTo(5);
      assertThat(e.health().details()).containsEntry("circuit", "CLOSED");
      e.close();
    }
  }

  @Test
  void persistent_rate_limits_and_permanent_errors_leave_the_circuit_closed() {
    try (Loopback loop = new Loopback()) {
      KuCoinExchange e = loop.exchange(null);
      loop.fake.inject("/api/v2/symbols", Fault.RATE_LIMIT, 40);
      for (int i = 0; i < 4; i++) {
        assertThatThrownBy(() -> e.symbolRules(ETH)).isInstanceOf(RateLimitedException.class);
      }
      assertThat(e.health().details()).containsEntry("circuit", "CLOSED");
      loop.fake.clearFaults();
      loop.fake.inject("/api/v2/symbols", Fault.MALFORMED, 5);
      int before = loop.fake.requests().size();
      assertThatThrownBy(() -> e.symbolRules(ETH))
          .isInstanceOfSatisfying(
              PermanentExchangeException.class, x -> assertThat(x.code()).isEqualTo("malformed"));
      assertThat(loop.fake.requests()).as("a permanent error is not retried").hasSize(before + 1);
      loop.fake.clearFaults();
      loop.fake.inject("/api/v2/symbols", Fault.TIMEOUT, 5);
      loop.fake.timeoutStall(Duration.ofMillis(1300));
      assertThatThrownBy(() -> e.symbolRules(ETH))
          .isExactlyInstanceOf(TransientExchangeException.class)
          .hasMessageContaining("no answer within");
      loop.fake.clearFaults();
      assertThat(e.symbolRules(ETH).symbol()).isEqualTo(ETH);
      e.close();
    }
  }

  @Test
  void a_wrong_signature_is_an_authentication_error_without_retry() {
    try (Loopback loop = new Loopback()) {
      KuCoinExchange e = loop.exchange(Loopback.KEY);
      e.keyPermissions();
      loop.fake.inject("/api/v1/accounts", Fault.WRONG_SIGNATURE, 3);
      int before = loop.fake.requests().size();
      assertThatThrownBy(() -> e.balance("USDT"))
          .isInstanceOfSatisfying(
              AuthenticationException.class, x -> assertThat(x.code()).isEqualTo("400005"));
      assertThat(loop.fake.requests()).hasSize(before + 1);
      e.close();
    }
  }
}
