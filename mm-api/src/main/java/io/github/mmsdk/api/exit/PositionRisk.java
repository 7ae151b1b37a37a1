package io.github.mmsdk.api.exit;

import io.github.mmsdk.api.internal.MmValue;
import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/** A running grid's estimated position, valued in the quote currency (USD-denominated). */
@MmValue
@Value.Immutable
public abstract class PositionRisk {

  PositionRisk() {}

  /** {@return base inventory held by the grid} */
  public abstract BigDecimal inventory();

  /** {@return average cost of the inventory} */
  public abstract BigDecimal averageEntry();

  /** {@return unrealized profit or loss at the current price} */
  public abstract BigDecimal unrealizedPnl();

  /** {@return realized profit of completed round trips, after fees} */
  public abstract BigDecimal realizedProfit();

  /** {@return the loss the grid would take if the price reached its stop-loss, when set} */
  public abstract Optional<BigDecimal> lossAtStopLoss();

  /** {@return the distance from the price to the stop-loss, in percent of the price} */
  public abstract Optional<Double> distanceToStopLossPct();

  /** Builds a {@link PositionRisk}. */
  public static final class Builder extends ImmutablePositionRisk.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
