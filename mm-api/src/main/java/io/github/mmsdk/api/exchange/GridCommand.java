package io.github.mmsdk.api.exchange;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.internal.MmValue;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A command for an exchange that can run grids, keyed for idempotency: executing the same key twice
 * has the effect of executing it once.
 */
@MmValue
@Value.Immutable
public abstract class GridCommand {

  GridCommand() {}

  /** What a command does to a grid. */
  public enum Kind {
    /** Create and start a grid. */
    CREATE,
    /** Stop a grid and cancel its orders. */
    STOP,
    /** Reduce a grid's allocation. */
    REDUCE
  }

  /** {@return the idempotency key, usually the decision id} */
  public abstract String idempotencyKey();

  /** {@return what the command does} */
  public abstract Kind kind();

  /** {@return the pair} */
  public abstract Symbol symbol();

  /** {@return the grid the command acts on} */
  public abstract String gridId();

  /** {@return the grid to create, for {@link Kind#CREATE}} */
  public abstract Optional<GridConfig> grid();

  /** {@return the fraction of the allocation to remove, for {@link Kind#REDUCE}} */
  public abstract Optional<Double> reduceFraction();

  /** Builds a {@link GridCommand}. */
  public static final class Builder extends ImmutableGridCommand.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
