/**
 * Exchange doubles and the exchange conformance contract: {@link
 * io.github.mmsdk.testkit.exchange.ExchangeContract} for adapter authors, {@link
 * io.github.mmsdk.testkit.exchange.ReplayExchange} replaying recorded candles as of a clock, {@link
 * io.github.mmsdk.testkit.exchange.SimulatedExchange} filling grid orders from the price path, and
 * {@link io.github.mmsdk.testkit.exchange.CsvCandles} reading the shared data format.
 */
package io.github.mmsdk.testkit.exchange;
