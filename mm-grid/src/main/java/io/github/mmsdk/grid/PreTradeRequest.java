package io.github.mmsdk.grid;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.grid.internal.GridValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** What the pre-trade checks look at: the action, its size and the account's risk state. */
@GridValue
@Value.Immutable
public abstract class PreTradeRequest {

  PreTradeRequest() {}

  /** {@return the pair} */
  public abstract Symbol symbol();

  /** {@return the proposed action} */
  public abstract GridAction action();

  /** {@return the confidence behind it} */
  public abstract double confidence();

  /** {@return the allocation the action would deploy; zero unless it deploys capital} */
  @Value.Default
  public BigDecimal allocation() {
    return BigDecimal.ZERO;
  }

  /** {@return the sum of the running grids' allocations on the symbol} */
  @Value.Default
  public BigDecimal runningOnSymbol() {
    return BigDecimal.ZERO;
  }

  /** {@return the sum of all running grids' allocations} */
  @Value.Default
  public BigDecimal runningTotal() {
    return BigDecimal.ZERO;
  }

  /** {@return the profit (+) or loss (−) of the current UTC day, when known} */
  public abstract Optional<BigDecimal> dailyPnl();

  /** {@return whether trading is globally halted} */
  @Value.Default
  public boolean halted() {
    return false;
  }

  /** {@return why the data is stale, empty when fresh} */
  public abstract List<String> staleReasons();

  /** Builds a {@link PreTradeRequest}. */
  public static final class Builder extends ImmutablePreTradeRequest.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
