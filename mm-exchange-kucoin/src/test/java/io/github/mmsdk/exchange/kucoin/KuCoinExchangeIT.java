package io.github.mmsdk.exchange.kucoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.exchange.AuthenticationException;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.exchange.ExchangeProviders;
import io.github.mmsdk.api.exchange.FeeRates;
import io.github.mmsdk.api.exchange.MarketData;
import io.github.mmsdk.api.exchange.OpenOrder;
import io.github.mmsdk.api.exchange.PermanentExchangeException;
import io.github.mmsdk.api.exchange.PermissionRefusedException;
import io.github.mmsdk.api.exchange.SymbolRules;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.exchange.kucoin.fake.FakeKuCoin;
import io.github.mmsdk.exchange.kucoin.fake.FakeKuCoin.Fault;
import io.github.mmsdk.exchange.kucoin.internal.Signer;
import io.github.mmsdk.testkit.exchange.CsvCandles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KuCoinExchangeIT {
  private static final Symbol ETH = Symbol.of("ETH", "USDT");
  private Loopback loop;
  private final List<ExchangeInterface> open = new ArrayList<>();

  @BeforeEach
  void start() {
    Assumptions.assumeTrue(
        FakeKuCoin.dataPresent(), "../shared/data absent: skipping real-data test");
    loop = new Loopback();
  }

  @AfterEach
  void stop() {
    open.forEach(ExchangeInterface::close);
    if (loop != null) {
      loop.close();
    }
  }

  private KuCoinExchange exchange(String key) {
    KuCoinExchange e = loop.exchange(key);
    open.add(e);
    return e;
  }

  @Test
  void candles_page_through_the_row_limit_and_equal_the_recorded_values() {
    KuCoinExchange e = exchange(null);
    Instant to = Instant.parse("2026-02-20T00:00:00Z");
    Instant from = to.minus(Duration.ofHours(4000));
    List<Integer> pages = new ArrayList<>();
    CandleSeries s =
        e.backfill(
            ETH,
            Timeframe.H1,
            from,
            to,
            (done, total, reached) -> {
              pages.add(done);
              assertThat(total).isEqualTo(3);
              assertThat(reached).isBeforeOrEqualTo(to);
            });
    assertThat(pages).containsExactly(1, 2, 3);
    CandleSeries csv =
        CsvCandles.read(FakeKuCoin.shared().resolve("data/ETH-USDT_1h_kucoin.csv"))
            .between(from, to);
    assertThat(s).isEqualTo(csv);
    CandleSeries daily = e.candles(ETH, Timeframe.D1, to.minus(Duration.ofDays(30)), to);
    assertThat(daily.size()).isEqualTo(30);
    assertThat(e.candles(ETH, Timeframe.H4, to, to.plus(Duration.ofDays(400))).size())
        .as("nothing after now, nothing in progress")
        .isEqualTo(9 * 6);
  }

  @Test
  void a_long_backfill_never_trips_a_429_by_itself() {
    loop.fake.quota(12, Duration.ofMillis(200));
    KuCoinExchange e = exchange(null);
    Instant to = Instant.parse("2026-02-20T00:00:00Z");
    CandleSeries s = e.candles(ETH, Timeframe.H1, to.minus(Duration.ofDays(270)), to);
    assertThat(s.size()).isEqualTo(270 * 24);
    CandleSeries h4 = e.candles(ETH, Timeframe.H4, to.minus(Duration.ofDays(540)), to);
    assertThat(h4.size()).isEqualTo(540 * 6);
    assertThat(loop.fake.served429()).isZero();
    assertThat(e.health().details()).containsKey("ratelimit.public");
  }

  @Test
  void account_data_market_data_rules_and_fees() {
    KuCoinExchange e = exchange(Loopback.KEY);
    AccountBalance b = e.balance("USDT");
    assertThat(b.total()).isEqualByComparingTo("1001.0");
    assertThat(b.available()).isEqualByComparingTo("901.0");
    assertThat(b.holdings().get("ETH").total()).isEqualByComparingTo("2");
    assertThat(e.balance("EUR").total()).isEqualByComparingTo("0");
    MarketData m = e.marketData(ETH);
    assertThat(m.bestBid().get()).isLessThan(m.bestAsk().get());
    assertThat(m.asOf()).isBetween(Loopback.NOW.minusSeconds(5), Loopback.NOW.plusSeconds(120));
    SymbolRules r = e.symbolRules(ETH);
    assertThat(r.baseMinSize()).isEqualByComparingTo("0.00001");
    assertThat(r.quoteMinSize()).isEqualByComparingTo("0.1");
    assertThat(r.priceIncrement()).isEqualByComparingTo("0.1");
    FeeRates f = e.feeRates(ETH);
    assertThat(f.maker()).isEqualByComparingTo("0.0005");
    assertThat(f.taker()).isEqualByComparingTo("0.001");
    List<OpenOrder> orders = e.openOrders().orElseThrow().openOrders(ETH);
    assertThat(orders).hasSize(1);
    assertThat(orders.get(0).side()).isEqualTo(OpenOrder.Side.BUY);
    assertThat(orders.get(0).price()).isEqualByComparingTo("50000");
    assertThat(e.gridExecution()).as("KuCoin cannot run spot grids through its API").isEmpty();
    assertThat(e.candleStream()).isPresent();
    assertThat(e.keyPermissions().trade()).isTrue();
    assertThat(e.health().status()).isEqualTo(HealthStatus.UP);
    assertThatThrownBy(() -> e.symbolRules(Symbol.of("NOSUCH", "USDT")))
        .isInstanceOfSatisfying(
            PermanentExchangeException.class, x -> assertThat(x.code()).isEqualTo("900001"));
  }

  @Test
  void fills_page_with_last_id_and_come_oldest_first() {
    KuCoinExchange e = exchange(Loopback.KEY);
    Instant from = FakeKuCoin.FILLS_START.plus(Duration.ofMinutes(5));
    List<Fill> all = e.fills(ETH, from, FakeKuCoin.FILLS_START.plus(Duration.ofDays(2)));
    assertThat(all).hasSize(249);
    assertThat(all.get(0).at()).isEqualTo(FakeKuCoin.FILLS_START.plus(Duration.ofMinutes(10)));
    assertThat(all.get(0).side()).isEqualTo(OpenOrder.Side.SELL);
    assertThat(all.get(0).maker()).isTrue();
    assertThat(all.get(0).price()).isEqualByComparingTo("2000.1");
    assertThat(all.get(1).at()).isAfter(all.get(0).at());
    assertThat(all.get(2).maker()).isFalse();
    assertThat(loop.fake.requests().stream().filter(r -> r.endsWith("/api/v1/hf/fills")).count())
        .isEqualTo(3);
    assertThat(e.fills(ETH, from, from.plus(Duration.ofMinutes(20)))).hasSize(2);
    KuCoinExchange w = exchange(Loopback.WITHDRAW_KEY);
    assertThatThrownBy(() -> w.fills(ETH, from, from.plus(Duration.ofHours(1))))
        .isInstanceOf(PermissionRefusedException.class);
  }

  @Test
  void the_key_guard_runs_before_any_other_private_call() {
    KuCoinExchange e = exchange(Loopback.WITHDRAW_KEY);
    assertThatThrownBy(() -> e.balance("USDT")).isInstanceOf(PermissionRefusedException.class);
    assertThatThrownBy(() -> e.openOrders().orElseThrow().openOrders(ETH))
        .isInstanceOf(PermissionRefusedException.class);
    List<String> privateCalls =
        loop.fake.requests().stream()
            .filter(
                r ->
                    r.contains("/api/v1/accounts")
                        || r.contains("/api/v1/hf")
                        || r.contains("/api/v1/user"))
            .toList();
    assertThat(privateCalls).containsExactly("GET /api/v1/user/api-key");
  }

  @Test
  void trade_permission_is_required_only_when_asked() {
    KuCoinExchange reader = exchange(Loopback.READ_KEY);
    assertThat(reader.balance("USDT").total()).isPositive();
    KuCoinExchange trader =
        new KuCoinExchange(
            loop.settings()
                .credentials(Loopback.credentials(Loopback.READ_KEY))
                .putOption("require_trade", "true")
                .build(),
            loop.clock);
    open.add(trader);
    assertThatThrownBy(() -> trader.balance("USDT"))
        .isInstanceOfSatisfying(
            PermissionRefusedException.class, x -> assertThat(x.permission()).isEqualTo("trade"));
  }

  @Test
  void the_key_version_is_configurable() {
    loop.fake.acceptKeyVersions(Set.of(3));
    KuCoinExchange v2 =
        new KuCoinExchange(
            loop.settings()
                .credentials(Loopback.credentials(Loopback.KEY))
                .putOption("key_version", "2")
                .build(),
            loop.clock);
    open.add(v2);
    assertThatThrownBy(() -> v2.keyPermissions())
        .isInstanceOfSatisfying(
            AuthenticationException.class, x -> assertThat(x.code()).isEqualTo("400008"));
    assertThat(exchange(Loopback.KEY).keyPermissions().hasIpWhitelist()).isTrue();
    loop.fake.acceptKeyVersions(Set.of(1));
    KuCoinExchange v1 =
        new KuCoinExchange(
            loop.settings()
                .credentials(Loopback.credentials(Loopback.KEY))
                .putOption("key_version", "1")
                .build(),
            loop.clock);
    open.add(v1);
    assertThat(v1.keyPermissions().withdraw()).isFalse();
  }

  @Test
  void server_clock_skew_is_measured_and_re_measured() {
    loop.fake.skew(Duration.ofSeconds(20));
    KuCoinExchange e = exchange(Loopback.KEY);
    assertThat(e.keyPermissions().withdraw()).isFalse();
    loop.fake.inject("/api/v1/accounts", Fault.CLOCK_SKEW, 1);
    assertThat(e.balance("USDT").total()).isPositive();
    assertThat(loop.fake.requests().stream().filter(r -> r.endsWith("/api/v1/timestamp")).count())
        .isGreaterThanOrEqualTo(2);
    assertThat(e.health().details().get("server_offset_ms")).isNotEqualTo("0");
  }

  @Test
  void secrets_never_appear_in_logs_messages_or_to_string() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<String> texts = new ArrayList<>();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      KuCoinExchange e = exchange(Loopback.KEY);
      texts.add(e.toString());
      e.balance("USDT");
      e.openOrders().orElseThrow().openOrders(ETH);
      loop.fake.inject("/api/v1/accounts", Fault.WRONG_SIGNATURE, 1);
      loop.fake.inject("/api/v1/accounts", Fault.ERROR_500, 1);
      for (int i = 0; i < 2; i++) {
        try {
          e.balance("USDT");
        } catch (RuntimeException x) {
          texts.add(String.valueOf(x));
          texts.add(String.valueOf(x.getCause()));
        }
      }
      KuCoinExchange w = exchange(Loopback.WITHDRAW_KEY);
      try {
        w.balance("USDT");
      } catch (RuntimeException x) {
        texts.add(String.valueOf(x));
      }
      texts.add(w.health().toString());
      texts.add(Loopback.credentials(Loopback.KEY).toString());
      texts.add(loop.settings().credentials(Loopback.credentials(Loopback.KEY)).build().toString());
    } finally {
      System.setErr(err);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).contains("kucoin call");
    texts.add(logs);
    String signedPass = Signer.hmac(Loopback.SECRET, Loopback.PASSPHRASE);
    for (String t : texts) {
      assertThat(t)
          .doesNotContain(Loopback.KEY)
          .doesNotContain(Loopback.SECRET)
          .doesNotContain(Loopback.PASSPHRASE)
          .doesNotContain(signedPass);
    }
  }

  @Test
  void found_through_service_loader_and_credentials_from_the_environment() {
    ExchangeInterface e =
        ExchangeProviders.byId("kucoin").create(loop.settings().build(), loop.clock);
    open.add(e);
    assertThat(e).isInstanceOf(KuCoinExchange.class);
    assertThat(e.id()).isEqualTo("kucoin");
    assertThat(KuCoinExchange.credentialsFromEnvironment(Map.of())).isEmpty();
    assertThat(
            KuCoinExchange.credentialsFromEnvironment(
                Map.of(
                    "KUCOIN_API_KEY", "k", "KUCOIN_API_SECRET", "s", "KUCOIN_API_PASSPHRASE", " ")))
        .isEmpty();
    assertThat(
            KuCoinExchange.credentialsFromEnvironment(
                    Map.of(
                        "KUCOIN_API_KEY",
                        "k",
                        "KUCOIN_API_SECRET",
                        "s",
                        "KUCOIN_API_PASSPHRASE",
                        "p"))
                .orElseThrow()
                .key()
                .reveal())
        .isEqualTo("k");
  }

  @Test
  void close_drains_in_flight_calls_then_refuses() throws Exception {
    loop.fake.timeoutStall(Duration.ofMillis(300));
    loop.fake.inject("/api/v1/market/stats", Fault.TIMEOUT, 1);
    KuCoinExchange e = exchange(null);
    CompletableFuture<MarketData> call = CompletableFuture.supplyAsync(() -> e.marketData(ETH));
    for (int i = 0; i < 500 && !loop.fake.requests().contains("GET /api/v1/market/stats"); i++) {
      Thread.sleep(10);
    }
    e.close();
    assertThat(call.get().lastPrice()).isPositive();
    assertThat(e.health().status()).isEqualTo(HealthStatus.DOWN);
    assertThatThrownBy(() -> e.marketData(ETH)).isInstanceOf(PermanentExchangeException.class);
  }
}
