package io.github.mmsdk.api.exchange;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.health.HealthReporting;
import java.time.Instant;
import java.util.Optional;

/**
 * One exchange account seen through the SDK.
 *
 * <p>Guarantees every implementation gives, checked by {@code ExchangeContract} in mm-testkit:
 *
 * <ul>
 *   <li>candles are closed (the in-progress candle is never returned), strictly ascending, without
 *       duplicates, on the timeframe's UTC grid, and inside the requested range;
 *   <li>failures are typed: {@link TransientExchangeException} (retry later, possibly with {@link
 *       TransientExchangeException#retryAfter()}), {@link RateLimitedException}, {@link
 *       PermanentExchangeException}, {@link AuthenticationException}, {@link
 *       PermissionRefusedException}; never a bare runtime exception or a {@code null};
 *   <li>optional capabilities are {@link Optional#empty()} when absent, never throwing defaults;
 *   <li>implementations are thread-safe: the facade calls them from one thread per symbol.
 * </ul>
 *
 * <p>{@link #close()} drains: it stops new calls, lets in-flight calls finish, then closes
 * connections and streams.
 */
public interface ExchangeInterface extends HealthReporting, AutoCloseable {

  /** {@return the exchange's stable lower-case id, e.g. {@code kucoin}} */
  String id();

  /**
   * Closed candles whose open time lies in {@code [from, to)}.
   *
   * @param symbol the pair
   * @param timeframe the candle interval
   * @param from first open time, inclusive
   * @param to last open time, exclusive
   * @return the candles, possibly empty, never containing the in-progress candle
   * @throws ExchangeException when the exchange cannot answer
   */
  CandleSeries candles(Symbol symbol, Timeframe timeframe, Instant from, Instant to);

  /**
   * Current market data: last price, 24 h change and volume.
   *
   * @param symbol the pair
   * @return the market data
   * @throws ExchangeException when the exchange cannot answer
   */
  MarketData marketData(Symbol symbol);

  /**
   * The account's balances, valued in a quote currency.
   *
   * @param quoteCurrency the currency that capital is counted in, e.g. {@code USDT}
   * @return the balance, with no reserve applied
   * @throws ExchangeException when the exchange cannot answer
   */
  AccountBalance balance(String quoteCurrency);

  /**
   * What the configured API key may do.
   *
   * @return the key's permissions and IP whitelist
   * @throws ExchangeException when the exchange cannot answer
   */
  KeyPermissions keyPermissions();

  /**
   * The exchange's trading rules for a pair (minimum sizes and increments).
   *
   * @param symbol the pair
   * @return the rules
   * @throws ExchangeException when the exchange cannot answer or does not list the pair
   */
  SymbolRules symbolRules(Symbol symbol);

  /**
   * The account's fee rates for a pair.
   *
   * @param symbol the pair
   * @return maker and taker rates
   * @throws ExchangeException when the exchange cannot answer
   */
  FeeRates feeRates(Symbol symbol);

  /** {@return live closed candles, when the exchange offers a stream; by default none} */
  default Optional<CandleStream> candleStream() {
    return Optional.empty();
  }

  /** {@return the account's open orders, when the exchange exposes them; by default none} */
  default Optional<OpenOrders> openOrders() {
    return Optional.empty();
  }

  /** {@return grid execution, when the exchange can run grids through its API; by default none} */
  default Optional<GridExecution> gridExecution() {
    return Optional.empty();
  }

  /** Drains and closes: no new calls, in-flight calls finish, connections close. */
  @Override
  void close();
}
