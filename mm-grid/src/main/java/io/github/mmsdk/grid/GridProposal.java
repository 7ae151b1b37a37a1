package io.github.mmsdk.grid;

import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.grid.internal.GridValue;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** A proposed grid with every number explained, or why none could be proposed. */
@GridValue
@Value.Immutable
public abstract class GridProposal {

  GridProposal() {}

  /** {@return the proposed grid, not yet running (empty history); empty when none fits} */
  public abstract Optional<GridConfig> grid();

  /** {@return how each number was chosen, or why no grid fits} */
  public abstract List<String> reasons();

  /** {@return whether the proposal is probationary (smaller allocation, wider spacing)} */
  public abstract boolean probationary();

  /** Builds a {@link GridProposal}. */
  public static final class Builder extends ImmutableGridProposal.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
