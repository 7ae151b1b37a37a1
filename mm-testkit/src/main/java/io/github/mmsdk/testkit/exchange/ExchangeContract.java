package io.github.mmsdk.testkit.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.MarketMakerException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.exchange.ExchangeException;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.exchange.FeeRates;
import io.github.mmsdk.api.exchange.KeyPermissions;
import io.github.mmsdk.api.exchange.MarketData;
import io.github.mmsdk.api.exchange.PermanentExchangeException;
import io.github.mmsdk.api.exchange.PermissionRefusedException;
import io.github.mmsdk.api.exchange.SymbolRules;
import io.github.mmsdk.api.health.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The conformance test of {@link ExchangeInterface}: extend it, implement {@link
 * #createExchange(Account)}, and JUnit 5 runs every guarantee of the interface against your adapter
 * (like Micrometer's {@code MeterRegistryCompatibilityKit}).
 *
 * <p>What it checks: candles are closed, strictly ascending, unique, on the timeframe's grid and
 * inside the requested range, for unaligned and future bounds; adjacent ranges concatenate to the
 * whole; repeated reads agree; empty and inverted ranges give no candle; an unknown symbol is a
 * typed failure; market data, symbol rules and fees are consistent; optional capabilities are
 * values; health names the component; private calls without a key are refused with a typed error; a
 * key that may withdraw, or has no IP whitelist, is refused ({@link PermissionRefusedException})
 * while its permissions stay readable; {@code close()} is idempotent and later calls fail typed.
 *
 * <p>"Now" is the exchange's own: {@link MarketData#asOf()} of {@link #symbol()}. The exchange must
 * hold at least 150 closed candles of every timeframe in {@link #timeframes()} before it.
 */
public abstract class ExchangeContract {
  private final List<ExchangeInterface> created = new ArrayList<>();

  /** Creates the contract. */
  protected ExchangeContract() {}

  /** The account an exchange under test connects as. */
  public enum Account {
    /** No credentials: public market data only. */
    PUBLIC,
    /** A key that may read (and possibly trade), cannot withdraw, and has an IP whitelist. */
    SAFE_KEY,
    /** A key that may withdraw funds: must be refused. */
    WITHDRAW_KEY,
    /** A key without an IP whitelist: must be refused. */
    NO_IP_WHITELIST_KEY
  }

  /**
   * Creates the exchange under test. Called once or more per test; the contract closes it.
   *
   * @param account the account to connect as; implementations without private API ({@link
   *     #supportsPrivateApi()} false) are only asked for {@link Account#PUBLIC}
   * @return a new exchange
   */
  protected abstract ExchangeInterface createExchange(Account account);

  /** {@return the symbol with data; ETH-USDT unless overridden} */
  protected Symbol symbol() {
    return Symbol.of("ETH", "USDT");
  }

  /** {@return the timeframes to check; 1h and 4h unless overridden} */
  protected List<Timeframe> timeframes() {
    return List.of(Timeframe.H1, Timeframe.H4);
  }

  /** {@return whether the exchange has an account (balances, key permissions); true by default} */
  protected boolean supportsPrivateApi() {
    return true;
  }

  /** Closes every exchange a test created. */
  @AfterEach
  protected void closeExchanges() {
    for (ExchangeInterface e : created) {
      e.close();
    }
    created.clear();
  }

  private ExchangeInterface exchange(Account account) {
    ExchangeInterface e = createExchange(account);
    created.add(e);
    return e;
  }

  private Instant now(ExchangeInterface e) {
    return e.marketData(symbol()).asOf();
  }

  @Test
  void id_is_stable_and_lower_case() {
    ExchangeInterface e = exchange(Account.PUBLIC);
    assertThat(e.id()).matches("[a-z0-9][a-z0-9._-]*").isEqualTo(e.id());
  }

  @Test
  void candles_are_closed_ascending_unique_on_grid_and_inside_the_range() {
    ExchangeInterface e = exchange(Account.PUBLIC);
    for (Timeframe tf : timeframes()) {
      Instant before = now(e);
      Instant from = before.minus(tf.duration().multipliedBy(130)).minus(Duration.ofMinutes(17));
      Instant to = before.plus(tf.duration().multipliedBy(3));
      CandleSeries s = e.candles(symbol(), tf, from, to);
      Instant after = now(e);
      assertThat(s.symbol()).isEqualTo(symbol());
      assertThat(s.timeframe()).isEqualTo(tf);
      assertThat(s.size()).as("closed %s candles in %s..%s", tf, from, to).isGreaterThan(100);
      for (int i = 0; i < s.size(); i++) {
        long open = s.openTimeMillis(i);
        assertThat(open % tf.millis()).as("candle %d on the %s grid", i, tf).isZero();
        assertThat(open)
            .as("candle %d inside the range", i)
            .isGreaterThanOrEqualTo(from.toEpochMilli());
        assertThat(open).isLessThan(to.toEpochMilli());
        assertThat(s.closeTimeMillis(i))
            .as("candle %d closed by %s", i, after)
            .isLessThanOrEqualTo(after.toEpochMilli());
        if (i > 0) {
          assertThat(open)
              .as("candle %d after candle %d", i, i - 1)
              .isGreaterThan(s.openTimeMillis(i - 1));
        }
      }
      assertThat(s.closeTimeMillis(s.size() - 1))
          .as("the newest closed candle is present")
          .isGreaterThan(before.toEpochMilli() - 2 * tf.millis());
    }
  }

  @Test
  void adjacent_ranges_concatenate_to_the_whole_range() {
    ExchangeInterface e = exchange(Account.PUBLIC);
    for (Timeframe tf : timeframes()) {
      Instant end = tf.floor(now(e)).minus(tf.duration().multipliedBy(10));
      Instant start = end.minus(tf.duration().multipliedBy(100));
      Instant split = start.plus(tf.duration().multipliedBy(37)).plusMillis(1);
      CandleSeries whole = e.candles(symbol(), tf, start, end);
      CandleSeries a = e.candles(symbol(), tf, start, split);
      CandleSeries b = e.candles(symbol(), tf, split, end);
      assertThat(whole.size()).isEqualTo(100);
      assertThat(a.size() + b.size()).isEqualTo(whole.size());
      for (int i = 0; i < whole.size(); i++) {
        CandleSeries part = i < a.size() ? a : b;
        int k = i < a.size() ? i : i - a.size();
        assertThat(part.candle(k)).isEqualTo(whole.candle(i));
      }
      assertThat(e.candles(symbol(), tf, start, end)).as("a repeated read").isEqualTo(whole);
    }
  }

  @Test
  void empty_and_inverted_ranges_give_no_candle() {
    ExchangeInterface e = exchange(Account.PUBLIC);
    Timeframe tf = timeframes().get(0);
    Instant t = tf.floor(now(e)).minus(tf.duration().multipliedBy(20));
    assertThat(e.candles(symbol(), tf, t, t).isEmpty()).isTrue();
    Throwable thrown =
        catchThrowable(
            () ->
                assertThat(
                        e.candles(symbol(), tf, t, t.minus(tf.duration().multipliedBy(5)))
                            .isEmpty())
                    .isTrue());
    if (thrown != null) {
      assertThat(thrown).isInstanceOf(MarketMakerException.class);
    }
  }

  @Test
  void an_unknown_symbol_is_a_typed_failure() {
    ExchangeInterface e = exchange(Account.PUBLIC);
    Symbol unknown = Symbol.of("NOSUCHCOIN", symbol().quote());
    assertThatThrownBy(() -> e.marketData(unknown)).isInstanceOf(ExchangeException.class);
    Timeframe tf = timeframes().get(0);
    Instant t = tf.floor(now(e));
    Throwable thrown =
        catchThrowable(
            () ->
                assertThat(
                        e.candles(unknown, tf, t.minus(tf.duration().multipliedBy(10)), t)
                            .isEmpty())
                    .isTrue());
    if (thrown != null) {
      assertThat(thrown).isInstanceOf(ExchangeException.class);
    }
  }

  @Test
  void market_data_is_consistent() {
    ExchangeInterface e = exchange(Account.PUBLIC);
    MarketData m = e.marketData(symbol());
    assertThat(m.symbol()).isEqualTo(symbol());
    assertThat(m.lastPrice().signum()).isPositive();
    assertThat(m.volume24h().signum()).isNotNegative();
    assertThat(Double.isFinite(m.change24hPct())).isTrue();
    if (m.bestBid().isPresent() && m.bestAsk().isPresent()) {
      assertThat(m.bestBid().get()).isLessThanOrEqualTo(m.bestAsk().get());
    }
  }

  @Test
  void symbol_rules_and_fees_are_positive() {
    ExchangeInterface e = exchange(Account.PUBLIC);
    SymbolRules r = e.symbolRules(symbol());
    assertThat(r.symbol()).isEqualTo(symbol());
    assertThat(r.baseMinSize().signum()).isPositive();
    assertThat(r.baseIncrement().signum()).isPositive();
    assertThat(r.priceIncrement().signum()).isPositive();
    assertThat(r.quoteMinSize().signum()).isNotNegative();
    FeeRates f = e.feeRates(symbol());
    assertThat(f.symbol()).isEqualTo(symbol());
    assertThat(f.maker().signum()).isNotNegative();
    assertThat(f.taker().signum()).isNotNegative();
  }

  @Test
  void optional_capabilities_are_values_and_health_names_the_component() {
    ExchangeInterface e = exchange(Account.PUBLIC);
    assertThat(e.candleStream()).isNotNull();
    assertThat(e.openOrders()).isNotNull();
    assertThat(e.gridExecution()).isNotNull();
    Health h = e.health();
    assertThat(h.component()).isNotBlank().contains(e.id());
    assertThat(h.status()).isNotNull();
  }

  @Test
  void private_calls_without_a_key_fail_typed() {
    ExchangeInterface e = exchange(Account.PUBLIC);
    assertThatThrownBy(() -> e.balance(symbol().quote()))
        .isInstanceOf(PermanentExchangeException.class);
  }

  @Test
  void a_safe_key_reads_permissions_and_balance() {
    Assumptions.assumeTrue(supportsPrivateApi(), "no private API");
    ExchangeInterface e = exchange(Account.SAFE_KEY);
    KeyPermissions p = e.keyPermissions();
    assertThat(p.withdraw()).isFalse();
    assertThat(p.hasIpWhitelist()).isTrue();
    AccountBalance b = e.balance(symbol().quote());
    assertThat(b.quoteCurrency()).isEqualTo(symbol().quote());
    assertThat(b.total()).isGreaterThanOrEqualTo(b.available());
    assertThat(b.available().signum()).isNotNegative();
    e.openOrders().ifPresent(o -> assertThat(o.openOrders(symbol())).isNotNull());
  }

  @Test
  void a_key_that_may_withdraw_is_refused() {
    Assumptions.assumeTrue(supportsPrivateApi(), "no private API");
    ExchangeInterface e = exchange(Account.WITHDRAW_KEY);
    assertThat(e.keyPermissions().withdraw()).isTrue();
    assertThatThrownBy(() -> e.balance(symbol().quote()))
        .isInstanceOfSatisfying(
            PermissionRefusedException.class,
            x -> assertThat(x.permission()).isEqualTo("withdraw"));
    e.openOrders()
        .ifPresent(
            o ->
                assertThatThrownBy(() -> o.openOrders(symbol()))
                    .isInstanceOf(PermissionRefusedException.class));
  }

  @Test
  void a_key_without_ip_whitelist_is_refused() {
    Assumptions.assumeTrue(supportsPrivateApi(), "no private API");
    ExchangeInterface e = exchange(Account.NO_IP_WHITELIST_KEY);
    assertThat(e.keyPermissions().hasIpWhitelist()).isFalse();
    assertThatThrownBy(() -> e.balance(symbol().quote()))
        .isInstanceOfSatisfying(
            PermissionRefusedException.class,
            x -> assertThat(x.permission()).isEqualTo("ip_whitelist"));
  }

  @Test
  void close_is_idempotent_and_later_calls_fail_typed() {
    ExchangeInterface e = exchange(Account.PUBLIC);
    Timeframe tf = timeframes().get(0);
    Instant t = tf.floor(now(e));
    e.close();
    e.close();
    assertThatThrownBy(() -> e.candles(symbol(), tf, t.minus(tf.duration().multipliedBy(3)), t))
        .isInstanceOf(ExchangeException.class);
  }
}
