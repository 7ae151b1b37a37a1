/**
 * Regime analysis: the six metrics (batch over a {@link io.github.mmsdk.api.CandleSeries} and
 * streaming, O(1) per candle without allocation), the classifier with 4h confirmation, conservative
 * confidence, restart gates, and {@code DefaultRegimeEngine}, the default {@link
 * io.github.mmsdk.api.regime.RegimeEngine}.
 *
 * <p>All metric math is in {@code double}. Reference-backed metrics (ADX, ATR, linear-regression
 * slope, Bollinger bands) reproduce TA-Lib's arithmetic. No class here does I/O or reads the clock.
 */
package io.github.mmsdk.regime;
