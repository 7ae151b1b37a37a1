package io.github.mmsdk.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.grid.GridConfig;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapitalAllocatorTest {

  @Test
  void deployable_is_available_minus_the_global_reserve() {
    CapitalAllocator a = new CapitalAllocator(GridRulesConfig.defaults());
    CapitalAvailability c =
        a.availability(Fixtures.ETH, Fixtures.balance(10_000, 8_000), List.of());
    assertThat(c.reserve()).isEqualByComparingTo("2000");
    assertThat(c.deployable()).isEqualByComparingTo("6000");
    assertThat(c.maxForNewGrid()).isEqualByComparingTo("6000");
    assertThat(c.blocked()).isFalse();
    assertThat(c.reasons().get(0)).contains("deployable 6000 = available 8000 - reserve 2000");

    CapitalAllocator fixed =
        new CapitalAllocator(
            new GridRulesConfig.Builder().reserveAmount(BigDecimal.valueOf(9000)).build());
    CapitalAvailability none =
        fixed.availability(Fixtures.ETH, Fixtures.balance(10_000, 8_000), List.of());
    assertThat(none.deployable()).isEqualByComparingTo("0");
    assertThat(none.blocked()).isTrue();
    // the balance's own reserve counts too
    assertThat(a.reserve(Fixtures.balance(10_000, 8_000).withReserve(BigDecimal.valueOf(3000))))
        .isEqualByComparingTo("3000");
  }

  @Test
  void the_same_question_gets_the_kept_answer_and_any_change_a_fresh_one() {
    CapitalAllocator a = new CapitalAllocator(GridRulesConfig.defaults());
    CapitalAllocator fresh = new CapitalAllocator(GridRulesConfig.defaults());
    GridConfig btc = Fixtures.runningGrid("btc-1", Symbol.of("BTC", "USDT"), 1000, Fixtures.T0);
    GridConfig stopped = Fixtures.stoppedGrid("eth-1", Fixtures.T0.minusSeconds(7200), Fixtures.T0);
    List<List<GridConfig>> gridSets = List.of(List.of(), List.of(stopped), List.of(btc, stopped));
    List<Symbol> symbols = List.of(Fixtures.ETH, Symbol.of("BTC", "USDT"));
    int[][] balances = {{10_000, 8_000}, {10_000, 7_000}, {12_000, 8_000}};
    for (int round = 0; round < 2; round++) {
      for (List<GridConfig> grids : gridSets) {
        for (Symbol s : symbols) {
          for (int[] b : balances) {
            for (boolean reserve : new boolean[] {false, true}) {
              var balance = Fixtures.balance(b[0], b[1]);
              if (reserve) {
                balance = balance.withReserve(BigDecimal.valueOf(2500));
              }
              CapitalAvailability first = a.availability(s, balance, grids);
              // asked again right away: the kept answer, equal to a fresh computation
              assertThat(a.availability(s, balance, List.copyOf(grids))).isSameAs(first);
              assertThat(first).isEqualTo(fresh.availability(s, balance, grids));
            }
          }
        }
      }
    }
    // an equal grid that is another instance is computed afresh, with the same result
    GridConfig btcAgain =
        Fixtures.runningGrid("btc-1", Symbol.of("BTC", "USDT"), 1000, Fixtures.T0);
    var balance = Fixtures.balance(10_000, 8_000);
    CapitalAvailability one = a.availability(Fixtures.ETH, balance, List.of(btc));
    CapitalAvailability two = a.availability(Fixtures.ETH, balance, List.of(btcAgain));
    assertThat(two).isNotSameAs(one).isEqualTo(one);
  }

  @Test
  void single_grid_mode_blocks_while_any_grid_runs() {
    CapitalAllocator a = new CapitalAllocator(GridRulesConfig.defaults());
    GridConfig btc = Fixtures.runningGrid("btc-1", Symbol.of("BTC", "USDT"), 1000, Fixtures.T0);
    CapitalAvailability c =
        a.availability(Fixtures.ETH, Fixtures.balance(10_000, 8_000), List.of(btc));
    assertThat(c.blocked()).isTrue();
    assertThat(c.reasons()).anyMatch(r -> r.contains("SINGLE_GRID mode: grid btc-1 is running"));
    GridConfig stopped = Fixtures.stoppedGrid("eth-1", Fixtures.T0.minusSeconds(7200), Fixtures.T0);
    assertThat(
            a.availability(Fixtures.ETH, Fixtures.balance(10_000, 8_000), List.of(stopped))
                .blocked())
        .isFalse();
  }

  @Test
  void multi_grid_mode_applies_symbol_total_and_grid_caps() {
    GridRulesConfig rules =
        new GridRulesConfig.Builder()
            .capitalMode(GridRulesConfig.CapitalMode.MULTI_GRID)
            .maxGridsPerSymbol(2)
            .maxAllocationPerSymbol(BigDecimal.valueOf(2500))
            .maxTotalAllocation(BigDecimal.valueOf(4000))
            .maxAllocationPerGrid(BigDecimal.valueOf(1200))
            .build();
    CapitalAllocator a = new CapitalAllocator(rules);
    GridConfig eth = Fixtures.runningGrid("eth-1", Fixtures.ETH, 1500, Fixtures.T0);
    GridConfig btc = Fixtures.runningGrid("btc-1", Symbol.of("BTC", "USDT"), 2000, Fixtures.T0);
    CapitalAvailability c =
        a.availability(Fixtures.ETH, Fixtures.balance(20_000, 16_000), List.of(eth, btc));
    assertThat(c.runningOnSymbol()).isEqualByComparingTo("1500");
    assertThat(c.runningTotal()).isEqualByComparingTo("3500");
    // symbol room 1000, total room 500, grid cap 1200 -> 500
    assertThat(c.maxForNewGrid()).isEqualByComparingTo("500");
    assertThat(c.reasons()).anyMatch(r -> r.contains("total cap leaves 500"));

    CapitalAvailability roomy =
        a.availability(Fixtures.ETH, Fixtures.balance(20_000, 16_000), List.of());
    assertThat(roomy.maxForNewGrid()).isEqualByComparingTo("1200");
    assertThat(roomy.reasons()).anyMatch(r -> r.contains("per-grid cap 1200 binds"));

    GridConfig eth2 = Fixtures.runningGrid("eth-2", Fixtures.ETH, 100, Fixtures.T0);
    CapitalAvailability full =
        a.availability(Fixtures.ETH, Fixtures.balance(20_000, 16_000), List.of(eth, eth2));
    assertThat(full.blocked()).isTrue();
    assertThat(full.reasons()).anyMatch(r -> r.contains("the cap is 2"));
  }
}
