package io.github.mmsdk.api.grid;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.internal.MmValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A spot grid's definition and its history (seed Req 5, 16, 19).
 *
 * <p>Whether the grid runs is derived from the last {@link #history()} entry and stored nowhere
 * else. Prices and amounts are {@link BigDecimal} in the quote currency. Construction checks the
 * structural rules (bounds in order, at least two levels, positive amounts); exchange-specific
 * rules (minimum size, spacing above fees) are checked by mm-grid.
 */
@MmValue
@Value.Immutable
public abstract class GridConfig {

  GridConfig() {}

  /** {@return the grid's stable id, e.g. {@code eth-grid-1}} */
  public abstract String id();

  /** {@return the pair the grid trades} */
  public abstract Symbol symbol();

  /** {@return the lowest level's price} */
  public abstract BigDecimal lowerPrice();

  /** {@return the highest level's price} */
  public abstract BigDecimal upperPrice();

  /** {@return the number of price levels, at least 2} */
  public abstract int levels();

  /** {@return how the levels are spaced} */
  @Value.Default
  public Spacing spacing() {
    return Spacing.ARITHMETIC;
  }

  /** {@return how the grid starts its inventory} */
  @Value.Default
  public GridMode mode() {
    return GridMode.LONG;
  }

  /** {@return the quote amount placed at each level} */
  public abstract BigDecimal amountPerGrid();

  /** {@return the profit of one round trip between adjacent levels, in percent, before fees} */
  public abstract double profitPerGridPct();

  /** {@return the price at which the grid stops with a loss, if set} */
  public abstract Optional<BigDecimal> stopLossPrice();

  /** {@return the price at which the grid stops with a profit, if set} */
  public abstract Optional<BigDecimal> takeProfitPrice();

  /** {@return the total quote capital allocated to the grid} */
  public abstract BigDecimal allocation();

  /** {@return the enable and disable entries, oldest first} */
  public abstract List<GridHistoryEntry> history();

  /** {@return whether the grid runs: its last history entry enabled it} */
  public boolean isRunning() {
    List<GridHistoryEntry> h = history();
    return !h.isEmpty() && h.get(h.size() - 1).event() == GridHistoryEntry.Event.ENABLED;
  }

  /** {@return the last history entry, if any} */
  public Optional<GridHistoryEntry> lastChange() {
    List<GridHistoryEntry> h = history();
    return h.isEmpty() ? Optional.empty() : Optional.of(h.get(h.size() - 1));
  }

  /** {@return when the grid was last enabled, if it runs} */
  public Optional<Instant> runningSince() {
    return isRunning() ? lastChange().map(GridHistoryEntry::at) : Optional.empty();
  }

  /**
   * This grid with one more history entry.
   *
   * @param entry the entry, later than the last one
   * @return a copy with the entry appended
   */
  public GridConfig withHistoryEntry(GridHistoryEntry entry) {
    return new Builder().from(this).addHistory(entry).build();
  }

  @Value.Check
  void check() {
    String key = "grids." + id();
    if (id().isBlank()) {
      throw new InvalidConfigurationException("grids.id", "must not be blank");
    }
    if (lowerPrice().signum() <= 0) {
      throw new InvalidConfigurationException(key + ".lower_price", "must be > 0");
    }
    if (upperPrice().compareTo(lowerPrice()) <= 0) {
      throw new InvalidConfigurationException(
          key + ".upper_price",
          "must be above lower_price (" + upperPrice() + " <= " + lowerPrice() + ")");
    }
    if (levels() < 2) {
      throw new InvalidConfigurationException(
          key + ".levels", "must be at least 2, was " + levels());
    }
    if (amountPerGrid().signum() <= 0) {
      throw new InvalidConfigurationException(key + ".amount_per_grid", "must be > 0");
    }
    if (allocation().signum() <= 0) {
      throw new InvalidConfigurationException(key + ".allocation", "must be > 0");
    }
    List<GridHistoryEntry> h = history();
    for (int i = 1; i < h.size(); i++) {
      if (h.get(i).at().isBefore(h.get(i - 1).at())) {
        throw new InvalidConfigurationException(
            key + ".history[" + i + "]", "is earlier than the entry before it");
      }
    }
  }

  /** Builds a {@link GridConfig}. */
  public static final class Builder extends ImmutableGridConfig.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
