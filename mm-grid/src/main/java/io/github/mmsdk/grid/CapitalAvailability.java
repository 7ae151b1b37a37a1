package io.github.mmsdk.grid;

import io.github.mmsdk.grid.internal.GridValue;
import java.math.BigDecimal;
import java.util.List;
import org.immutables.value.Value;

/** How much capital a new grid on one symbol may use, with every number explained. */
@GridValue
@Value.Immutable
public abstract class CapitalAvailability {

  CapitalAvailability() {}

  /** {@return the global reserve kept untouched} */
  public abstract BigDecimal reserve();

  /** {@return available minus the reserve, never negative} */
  public abstract BigDecimal deployable();

  /** {@return the most a new grid may be allocated after every cap; zero when blocked} */
  public abstract BigDecimal maxForNewGrid();

  /** {@return the sum of the running grids' allocations on the symbol} */
  public abstract BigDecimal runningOnSymbol();

  /** {@return the sum of all running grids' allocations} */
  public abstract BigDecimal runningTotal();

  /** {@return how each number was found and which rule bound it} */
  public abstract List<String> reasons();

  /** {@return whether no new grid may be funded} */
  public boolean blocked() {
    return maxForNewGrid().signum() <= 0;
  }

  /** Builds a {@link CapitalAvailability}. */
  public static final class Builder extends ImmutableCapitalAvailability.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
