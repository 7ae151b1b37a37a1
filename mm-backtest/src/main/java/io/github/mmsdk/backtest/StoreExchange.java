package io.github.mmsdk.backtest;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InsufficientDataException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.cycle.CycleConfig;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.exchange.FeeRates;
import io.github.mmsdk.api.exchange.KeyPermissions;
import io.github.mmsdk.api.exchange.MarketData;
import io.github.mmsdk.api.exchange.PermanentExchangeException;
import io.github.mmsdk.api.exchange.SymbolRules;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.testkit.exchange.ReplayExchange;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The exchange a {@link StoreReplay} shows the facade: the store's own raw candles (through a
 * {@link ReplayExchange}, so nothing after the clock is visible) and, at each recorded decision
 * time, the balance and market data that decision recorded. It offers no grid execution, so a
 * replay never acts.
 */
final class StoreExchange implements ExchangeInterface {

  private final String venue;
  private final Clock clock;
  private final Map<Instant, DecisionRecord> recorded;
  private ReplayExchange market;

  StoreExchange(String venue, Clock clock, Map<Instant, DecisionRecord> recorded) {
    this.venue = venue;
    this.clock = clock;
    this.recorded = recorded;
  }

  /**
   * Loads every timeframe the facade will ask for, over its lookback before the first decision up
   * to the last one.
   */
  void load(DecisionStore store, Symbol symbol, CycleConfig config, Instant first, Instant last) {
    ReplayExchange.Builder b = ReplayExchange.builder(clock).id(venue);
    Timeframe primary = config.primary();
    int primaryCandles = 0;
    for (Timeframe tf : config.timeframes()) {
      Instant from = tf.floor(first.minus(config.lookback(tf)));
      CandleSeries s = store.rawCandles(symbol, tf, from, last.plusMillis(1));
      if (tf == primary) {
        primaryCandles = s.size();
      }
      if (!s.isEmpty()) {
        b.add(s);
      }
    }
    if (primaryCandles == 0) {
      throw new InsufficientDataException(
          "raw " + primary.label() + " candles of " + symbol + " in the store up to " + last, 1, 0);
    }
    market = b.build();
  }

  @Override
  public String id() {
    return venue;
  }

  @Override
  public CandleSeries candles(Symbol symbol, Timeframe timeframe, Instant from, Instant to) {
    return market().candles(symbol, timeframe, from, to);
  }

  @Override
  public MarketData marketData(Symbol symbol) {
    return current()
        .flatMap(DecisionRecord::marketData)
        .orElseThrow(() -> notRecorded("market data"));
  }

  @Override
  public AccountBalance balance(String quoteCurrency) {
    return current()
        .flatMap(DecisionRecord::balance)
        .filter(b -> b.quoteCurrency().equals(quoteCurrency))
        .orElseThrow(() -> notRecorded("balance"));
  }

  @Override
  public KeyPermissions keyPermissions() {
    return market().keyPermissions();
  }

  @Override
  public SymbolRules symbolRules(Symbol symbol) {
    return market().symbolRules(symbol);
  }

  @Override
  public FeeRates feeRates(Symbol symbol) {
    return market().feeRates(symbol);
  }

  @Override
  public Health health() {
    return market == null ? Health.up("exchange:" + venue) : market.health();
  }

  @Override
  public void close() {
    if (market != null) {
      market.close();
    }
  }

  private ReplayExchange market() {
    if (market == null) {
      throw new PermanentExchangeException(
          venue, "candles", "not_loaded", "the replay has not loaded the store's candles", null);
    }
    return market;
  }

  private Optional<DecisionRecord> current() {
    return Optional.ofNullable(recorded.get(clock.instant()));
  }

  private PermanentExchangeException notRecorded(String operation) {
    return new PermanentExchangeException(
        venue,
        operation,
        "not_recorded",
        "the decision at " + clock.instant() + " recorded no " + operation,
        null);
  }
}
