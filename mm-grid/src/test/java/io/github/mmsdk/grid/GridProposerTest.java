package io.github.mmsdk.grid;

import static io.github.mmsdk.grid.Fixtures.ETH;
import static io.github.mmsdk.grid.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.exchange.SymbolRules;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.regime.RegimeState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GridProposerTest {

  private final GridProposer proposer = new GridProposer(GridRulesConfig.defaults());
  private final RegimeState regime = Fixtures.regime(RegimeVerdict.RANGE_OK, 0.9, null);

  private GridProposal propose(
      Optional<CandleSeries> candles, RegimeState r, double capital, Optional<SymbolRules> rules) {
    return proposer.propose(
        "g", ETH, 2000, candles, r, BigDecimal.valueOf(capital), false, rules, Optional.empty());
  }

  @Test
  void bounds_contain_the_recent_range_and_three_atrs() {
    CandleSeries c = Fixtures.ranging(2000, 3.0, 100, T0, 2);
    GridProposal p = propose(Optional.of(c), regime, 5000, Optional.of(Fixtures.rules()));
    GridConfig g = p.grid().orElseThrow();
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (int i = c.size() - 48; i < c.size(); i++) {
      lo = Math.min(lo, c.low(i));
      hi = Math.max(hi, c.high(i));
    }
    assertThat(g.lowerPrice().doubleValue()).isLessThanOrEqualTo(lo);
    assertThat(g.upperPrice().doubleValue()).isGreaterThanOrEqualTo(hi);
    assertThat(g.levels()).isBetween(5, 100);
    assertThat(g.amountPerGrid().multiply(BigDecimal.valueOf(g.levels() - 1L)))
        .isLessThanOrEqualTo(g.allocation());
    assertThat(g.lowerPrice().scale()).isLessThanOrEqualTo(2);
    assertThat(p.probationary()).isFalse();
  }

  @Test
  void narrow_ranges_widen_to_the_minimum_levels_and_wide_ones_cap_them() {
    RegimeState narrow =
        new RegimeState.Builder()
            .from(regime)
            .putMetric(io.github.mmsdk.api.regime.MetricId.BOLLINGER_BANDWIDTH, 0.001)
            .build();
    GridProposal p = propose(Optional.empty(), narrow, 5000, Optional.empty());
    assertThat(p.grid().orElseThrow().levels()).isEqualTo(5);
    assertThat(p.reasons()).anyMatch(s -> s.startsWith("range too narrow"));
    assertThat(GridValidator.smallestStepPct(p.grid().get())).isGreaterThan(0.3);

    RegimeState wide =
        new RegimeState.Builder()
            .from(regime)
            .putMetric(io.github.mmsdk.api.regime.MetricId.BOLLINGER_BANDWIDTH, 0.9)
            .build();
    GridProposal w =
        new GridProposer(new GridRulesConfig.Builder().spacingAtrFraction(0).build())
            .propose(
                "g",
                ETH,
                2000,
                Optional.empty(),
                wide,
                BigDecimal.valueOf(50_000),
                false,
                Optional.empty(),
                Optional.empty());
    assertThat(w.grid().orElseThrow().levels()).isEqualTo(100);
    assertThat(w.reasons()).anyMatch(s -> s.startsWith("levels capped at 100"));
  }

  @Test
  void small_capital_reduces_levels_or_gives_up() {
    RegimeState wide =
        new RegimeState.Builder()
            .from(regime)
            .putMetric(io.github.mmsdk.api.regime.MetricId.BOLLINGER_BANDWIDTH, 0.3)
            .build();
    SymbolRules minTen =
        new SymbolRules.Builder().from(Fixtures.rules()).quoteMinSize(BigDecimal.TEN).build();
    GridProposal reduced = propose(Optional.empty(), wide, 100, Optional.of(minTen));
    assertThat(reduced.grid().orElseThrow().levels()).isEqualTo(11);
    assertThat(reduced.reasons()).anyMatch(s -> s.contains("levels reduced to 11"));

    GridProposal tooSmall = propose(Optional.empty(), wide, 30, Optional.of(minTen));
    assertThat(tooSmall.grid()).isEmpty();
    assertThat(tooSmall.reasons()).anyMatch(s -> s.contains("cannot fund 5 levels"));

    assertThat(propose(Optional.empty(), wide, 0, Optional.empty()).reasons())
        .anyMatch(s -> s.contains("no capital"));
  }

  @Test
  void without_candles_or_bandwidth_no_grid_is_proposed() {
    RegimeState bare =
        new RegimeState.Builder()
            .symbol(ETH)
            .asOf(T0)
            .verdict(RegimeVerdict.RANGE_OK)
            .confidence(0.9)
            .build();
    GridProposal p = propose(Optional.empty(), bare, 5000, Optional.empty());
    assertThat(p.grid()).isEmpty();
    assertThat(p.reasons())
        .containsExactly("no recent candles and no Bollinger bandwidth to size a grid from");
  }

  @Test
  void a_proposal_the_exchange_refuses_is_withdrawn_with_the_violation() {
    SymbolRules closed =
        new SymbolRules.Builder().from(Fixtures.rules()).tradingEnabled(false).build();
    GridProposal p =
        propose(
            Optional.of(Fixtures.ranging(2000, 2.0, 60, T0, 3)), regime, 5000, Optional.of(closed));
    assertThat(p.grid()).isEmpty();
    assertThat(p.reasons())
        .anyMatch(s -> s.startsWith("proposal rejected: the exchange has disabled"));
  }
}
