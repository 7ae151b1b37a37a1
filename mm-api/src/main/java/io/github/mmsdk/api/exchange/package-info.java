/**
 * The exchange contract: candles, market data, balances, key permissions, symbol rules and fees,
 * with optional capabilities (live candles, open orders, grid execution) discovered as values.
 */
package io.github.mmsdk.api.exchange;
