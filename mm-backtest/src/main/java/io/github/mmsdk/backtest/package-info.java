/**
 * Backtests: replay history through the same {@link io.github.mmsdk.api.cycle.MarketMaker} facade
 * as live use, with a replay exchange, a clock that walks the candles and any store.
 */
package io.github.mmsdk.backtest;
