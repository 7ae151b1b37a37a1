package io.github.mmsdk.backtest;

import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.store.DecisionStore;
import java.time.Clock;

/**
 * Wires the facade a backtest drives, exactly as live use wires it but over the backtest's replay
 * exchange, store and walking clock.
 *
 * <pre>{@code
 * MarketMakerFactory wiring = (exchange, store, clock) -> MarketMaker.builder()
 *     .exchange(exchange).store(store).clock(clock)
 *     .regimeEngine(new IncrementalRegimeEngine())
 *     .exitEvaluator(new DefaultExitEvaluator())
 *     .gridManager(new DefaultGridManager())
 *     .decisionGrader(new SimulatedDecisionGrader())
 *     .closeAdapters(false)
 *     .build();
 * }</pre>
 *
 * <p>Pass {@code clock} to {@link MarketMaker.Builder#clock}: records are stamped with it, which
 * keeps them byte-identical from run to run.
 */
@FunctionalInterface
public interface MarketMakerFactory {

  /**
   * Wires a facade.
   *
   * @param exchange the replay exchange, answering as of {@code clock}
   * @param store the store the backtest records into
   * @param clock the clock that walks the candles
   * @return the facade
   */
  MarketMaker create(ExchangeInterface exchange, DecisionStore store, Clock clock);
}
