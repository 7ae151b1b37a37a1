package io.github.mmsdk.api.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GridConfigTest {
  static final Instant T = Instant.parse("2026-02-02T14:00:00Z");

  static GridConfig.Builder grid() {
    GridConfig.Builder b = new GridConfig.Builder();
    b.id("eth-grid-1")
        .symbol(Symbol.parse("ETH-USDT"))
        .lowerPrice(new BigDecimal("2000"))
        .upperPrice(new BigDecimal("2400"))
        .levels(20)
        .amountPerGrid(new BigDecimal("50"))
        .profitPerGridPct(0.9)
        .allocation(new BigDecimal("1000"));
    return b;
  }

  @Test
  void running_is_derived_from_the_last_history_entry() {
    GridConfig g = grid().build();
    assertThat(g.isRunning()).isFalse();
    assertThat(g.lastChange()).isEmpty();
    assertThat(g.runningSince()).isEmpty();
    GridConfig on =
        g.withHistoryEntry(
            GridHistoryEntry.of(T, GridHistoryEntry.Event.ENABLED, "alice", "range confirmed"));
    assertThat(on.isRunning()).isTrue();
    assertThat(on.runningSince()).contains(T);
    GridConfig off =
        on.withHistoryEntry(
            GridHistoryEntry.of(
                T.plusSeconds(60), GridHistoryEntry.Event.DISABLED, "system", "exit"));
    assertThat(off.isRunning()).isFalse();
    assertThat(off.history()).hasSize(2);
    assertThat(off.spacing()).isEqualTo(Spacing.ARITHMETIC);
    assertThat(off.mode()).isEqualTo(GridMode.LONG);
    assertThat(
            new GridHistoryEntry.Builder()
                .at(T)
                .event(GridHistoryEntry.Event.ENABLED)
                .reason("r")
                .build()
                .actor())
        .isEqualTo("system");
  }

  @Test
  void invalid_grids_name_the_offending_key() {
    assertThatThrownBy(() -> grid().upperPrice(new BigDecimal("1900")).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("grids.eth-grid-1.upper_price");
    assertThatThrownBy(() -> grid().levels(1).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("levels");
    assertThatThrownBy(() -> grid().lowerPrice(BigDecimal.ZERO).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> grid().amountPerGrid(BigDecimal.ZERO).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> grid().allocation(BigDecimal.ZERO).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> grid().id(" ").build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () ->
                grid()
                    .addHistory(GridHistoryEntry.of(T, GridHistoryEntry.Event.ENABLED, "a", "r"))
                    .addHistory(
                        GridHistoryEntry.of(
                            T.minusSeconds(1), GridHistoryEntry.Event.DISABLED, "a", "r"))
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("history[1]");
  }
}
