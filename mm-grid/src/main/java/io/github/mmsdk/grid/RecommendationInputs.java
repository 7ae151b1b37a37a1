package io.github.mmsdk.grid;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.grid.internal.GridValue;
import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link DefaultGridManager} reads beyond the {@code RecommendationContext}: recent candles
 * for the parameter proposal, the day's PnL for the daily loss limit, and the stored halt history.
 */
@GridValue
@Value.Immutable
public abstract class RecommendationInputs {

  RecommendationInputs() {}

  /** {@return recent closed candles of the regime's timeframe, for range and ATR} */
  public abstract Optional<CandleSeries> recentCandles();

  /** {@return the profit (+) or loss (−) of the current UTC day, when known} */
  public abstract Optional<BigDecimal> dailyPnl();

  /** {@return the stored global halt history; not halted by default} */
  @Value.Default
  public GlobalHalt halt() {
    return GlobalHalt.none();
  }

  /** {@return no extra inputs} */
  public static RecommendationInputs none() {
    return new Builder().build();
  }

  /** Builds {@link RecommendationInputs}. */
  public static final class Builder extends ImmutableRecommendationInputs.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
