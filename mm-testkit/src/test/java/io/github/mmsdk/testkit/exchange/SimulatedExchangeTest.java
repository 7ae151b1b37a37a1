package io.github.mmsdk.testkit.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.exchange.GridCommand;
import io.github.mmsdk.api.exchange.GridCommandResult.Status;
import io.github.mmsdk.api.exchange.OpenOrder;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridMode;
import io.github.mmsdk.api.grid.Spacing;
import io.github.mmsdk.testkit.TestClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedExchangeTest {
  private static final Symbol ETH = Symbol.of("ETH", "USDT");
  private static final Instant START = ReplayExchangeContractTest.START;

  private final TestClock clock = TestClock.at(START.plus(Duration.ofHours(24)));
  private final CandleSeries h1 =
      ReplayExchangeContractTest.synthetic(ETH, Timeframe.H1, START, 24 * 30);
  private final SimulatedExchange sim =
      SimulatedExchange.over(ReplayExchange.of(clock, h1))
          .deposit("USDT", new BigDecimal("10000"))
          .build();

  private GridConfig grid(GridMode mode, Spacing spacing) {
    double p = sim.marketData(ETH).lastPrice().doubleValue();
    return new GridConfig.Builder()
        .id("g1")
        .symbol(ETH)
        .lowerPrice(BigDecimal.valueOf(Math.round(p * 0.9)))
        .upperPrice(BigDecimal.valueOf(Math.round(p * 1.1)))
        .levels(11)
        .spacing(spacing)
        .mode(mode)
        .amountPerGrid(new BigDecimal("100"))
        .profitPerGridPct(2.0)
        .allocation(new BigDecimal("2000"))
        .build();
  }

  private GridCommand create(String key, GridConfig g) {
    return new GridCommand.Builder()
        .idempotencyKey(key)
        .kind(GridCommand.Kind.CREATE)
        .symbol(ETH)
        .gridId(g.id())
        .grid(g)
        .build();
  }

  private GridCommand command(String key, GridCommand.Kind kind, Double fraction) {
    GridCommand.Builder b =
        new GridCommand.Builder().idempotencyKey(key).kind(kind).symbol(ETH).gridId("g1");
    if (fraction != null) {
      b.reduceFraction(fraction);
    }
    return b.build();
  }

  @Test
  void a_long_grid_trades_the_price_path_and_keeps_value() {
    GridConfig g = grid(GridMode.LONG, Spacing.ARITHMETIC);
    assertThat(sim.execute(create("d1", g)).status()).isEqualTo(Status.EXECUTED);
    assertThat(sim.execute(create("d1", g)).status()).isEqualTo(Status.ALREADY_EXECUTED);
    List<OpenOrder> orders = sim.openOrders(ETH);
    assertThat(orders).isNotEmpty();
    assertThat(orders).anyMatch(o -> o.side() == OpenOrder.Side.BUY);
    assertThat(orders).anyMatch(o -> o.side() == OpenOrder.Side.SELL);
    AccountBalance before = sim.balance("USDT");
    assertThat(before.locked().signum()).isPositive();
    assertThat(before.holdings()).containsKey("ETH");
    clock.advance(Duration.ofDays(20));
    assertThat(sim.fillCount()).isPositive();
    AccountBalance after = sim.balance("USDT");
    double price = sim.marketData(ETH).lastPrice().doubleValue();
    double value =
        after.total().doubleValue() + after.holdings().get("ETH").total().doubleValue() * price;
    assertThat(value).isBetween(8000.0, 12000.0);
    assertThat(sim.execute(command("s1", GridCommand.Kind.STOP, null)).status())
        .isEqualTo(Status.EXECUTED);
    assertThat(sim.openOrders(ETH)).isEmpty();
    AccountBalance stopped = sim.balance("USDT");
    assertThat(stopped.locked()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(stopped.holdings().get("ETH").locked()).isEqualByComparingTo(BigDecimal.ZERO);
  }

  @Test
  void a_neutral_geometric_grid_only_buys_first_and_can_be_reduced() {
    GridConfig g = grid(GridMode.NEUTRAL, Spacing.GEOMETRIC);
    assertThat(sim.execute(create("d1", g)).status()).isEqualTo(Status.EXECUTED);
    assertThat(sim.openOrders(ETH)).allMatch(o -> o.side() == OpenOrder.Side.BUY);
    int buys = sim.openOrders(ETH).size();
    assertThat(sim.execute(command("r1", GridCommand.Kind.REDUCE, 0.5)).status())
        .isEqualTo(Status.EXECUTED);
    assertThat(sim.openOrders(ETH).size()).isLessThan(buys);
    assertThat(sim.execute(command("r2", GridCommand.Kind.REDUCE, 1.5)).status())
        .isEqualTo(Status.REJECTED);
    assertThat(sim.execute(create("d2", g)).status()).isEqualTo(Status.REJECTED);
    clock.advance(Duration.ofDays(10));
    assertThat(sim.balance("USDT").available().signum()).isNotNegative();
  }

  @Test
  void refusals_are_results_not_exceptions() {
    assertThat(sim.execute(command("x", GridCommand.Kind.STOP, null)).status())
        .isEqualTo(Status.REJECTED);
    assertThat(sim.execute(command("x", GridCommand.Kind.STOP, null)).status())
        .isEqualTo(Status.REJECTED);
    assertThat(sim.execute(command("y", GridCommand.Kind.REDUCE, 0.5)).status())
        .isEqualTo(Status.REJECTED);
    assertThat(sim.execute(command("z", GridCommand.Kind.CREATE, null)).status())
        .isEqualTo(Status.REJECTED);
    GridConfig huge =
        new GridConfig.Builder()
            .from(grid(GridMode.LONG, Spacing.ARITHMETIC))
            .amountPerGrid(new BigDecimal("100000"))
            .build();
    assertThat(sim.execute(create("h", huge)).message()).contains("insufficient");
    assertThat(sim.keyPermissions().withdraw()).isFalse();
    assertThat(sim.gridExecution()).isPresent();
    assertThat(sim.openOrders()).isPresent();
    assertThat(sim.candleStream()).isEmpty();
    assertThat(sim.id()).isEqualTo("simulated");
    assertThat(sim.symbolRules(ETH).symbol()).isEqualTo(ETH);
    assertThat(sim.feeRates(ETH).maker()).isPositive();
    assertThat(sim.candles(ETH, Timeframe.H1, START, clock.instant()).size()).isEqualTo(24);
    assertThat(sim.health().component()).contains("replay");
    assertThat(sim.toString()).contains("Simulated");
    assertThat(sim.balance("EUR").total()).isEqualByComparingTo(BigDecimal.ZERO);
    sim.close();
  }
}
