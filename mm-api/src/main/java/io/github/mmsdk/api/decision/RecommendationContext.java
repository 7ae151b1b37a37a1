package io.github.mmsdk.api.decision;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.exchange.FeeRates;
import io.github.mmsdk.api.exchange.MarketData;
import io.github.mmsdk.api.exchange.SymbolRules;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.internal.MmValue;
import io.github.mmsdk.api.regime.RegimeState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Everything a {@link GridManager} decides from. Cooldowns and timeouts are derived from the stored
 * records passed in here, never from memory.
 */
@MmValue
@Value.Immutable
public abstract class RecommendationContext {

  RecommendationContext() {}

  /** {@return the pair} */
  public abstract Symbol symbol();

  /** {@return the decision time} */
  public abstract Instant asOf();

  /** {@return the regime} */
  public abstract RegimeState regime();

  /** {@return the exit assessments of the running grids on this symbol} */
  public abstract List<ExitAssessment> exits();

  /** {@return the grids on this symbol, running or stopped} */
  public abstract List<GridConfig> grids();

  /** {@return every grid of the account, for the total allocation cap} */
  public abstract List<GridConfig> allGrids();

  /** {@return the balance, when it could be read} */
  public abstract Optional<AccountBalance> balance();

  /** {@return the market data, when it could be read} */
  public abstract Optional<MarketData> marketData();

  /** {@return the exchange's rules for the pair, when known} */
  public abstract Optional<SymbolRules> symbolRules();

  /** {@return the account's fee rates, when known} */
  public abstract Optional<FeeRates> feeRates();

  /** {@return recent decisions on this symbol with their actions, newest last} */
  public abstract List<DecisionRecord> recentDecisions();

  /** {@return recent closed candles of the regime's timeframe, for proposing grid bounds} */
  public abstract Optional<CandleSeries> recentCandles();

  /** {@return the profit (+) or loss (−) of the current UTC day in the quote currency, if known} */
  public abstract Optional<BigDecimal> dailyPnl();

  /** {@return the close time of the newest candle seen, for the stale-data guard} */
  public abstract Optional<Instant> newestCandleClose();

  /** {@return whether trading is halted (risk limit, open circuit or operator)} */
  @Value.Default
  public boolean halted() {
    return false;
  }

  /** Builds a {@link RecommendationContext}. */
  public static final class Builder extends ImmutableRecommendationContext.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
