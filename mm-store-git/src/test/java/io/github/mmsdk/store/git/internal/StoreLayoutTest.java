package io.github.mmsdk.store.git.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class StoreLayoutTest {
  private static final Symbol ETH = Symbol.of("ETH", "USDT");
  private static final Instant T = Instant.parse("2026-02-02T14:15:00Z");
  private static final LocalDate D = LocalDate.of(2026, 2, 2);

  @Test
  void paths_follow_the_layout() {
    assertThat(StoreLayout.metrics(ETH, T))
        .isEqualTo("metrics/ETH-USDT/2026-02-02/2026-02-02-1415.yaml");
    assertThat(StoreLayout.decision("dec-ETH-USDT-20260202-141500", T))
        .isEqualTo("decisions/2026-02-02/dec-ETH-USDT-20260202-141500.yaml");
    assertThat(StoreLayout.exitStates(ETH, D)).isEqualTo("exit_states/ETH-USDT/2026-02-02.yaml");
    assertThat(StoreLayout.raw(ETH, Timeframe.M1, D))
        .isEqualTo("raw_data/ETH-USDT/1m/2026-02-02.json");
    assertThat(StoreLayout.grid("eth grid/1")).isEqualTo("config/grids/eth_grid_1.yaml");
    assertThat(StoreLayout.deadLetter(D, "n-1")).isEqualTo("dead_letters/2026-02-02/n-1.yaml");
    assertThat(StoreLayout.kpis(D)).isEqualTo("kpis/2026-02-02.yaml");
    assertThat(StoreLayout.safe("")).isEqualTo("_");
    assertThat(StoreLayout.safe("../x")).isEqualTo("_._x");
  }

  @Test
  void schemas_and_dates_are_found_from_paths() {
    assertThat(StoreLayout.schemaOf("metrics/x")).contains(WireSchema.METRICS);
    assertThat(StoreLayout.schemaOf("decisions/x")).contains(WireSchema.DECISION);
    assertThat(StoreLayout.schemaOf("exit_states/x")).contains(WireSchema.EXIT_STATE);
    assertThat(StoreLayout.schemaOf("config/grids/x")).contains(WireSchema.GRID);
    assertThat(StoreLayout.schemaOf("dead_letters/x")).contains(WireSchema.DEAD_LETTER);
    assertThat(StoreLayout.schemaOf("raw_data/x")).contains(WireSchema.RAW);
    assertThat(StoreLayout.schemaOf("kpis/x")).contains(WireSchema.KPI);
    assertThat(StoreLayout.schemaOf("config/rules.yaml")).isEmpty();
    assertThat(StoreLayout.dateIn("raw_data/ETH-USDT/1m/2026-02-02.json")).contains(D);
    assertThat(StoreLayout.dateIn("config/rules.yaml")).isEmpty();
    assertThat(StoreLayout.dateIn("x/2026-13-45-y")).isEmpty();
  }
}
