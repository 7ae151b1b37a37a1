/**
 * The shared vocabulary of the Market Maker SDK: symbols, timeframes, candles, candle series and
 * the root of the exception hierarchy.
 *
 * <p>This package depends on no sub-package. Each contract lives in its own sub-package ({@code
 * exchange}, {@code regime}, {@code grid}, {@code exit}, {@code notify}, {@code decision}, {@code
 * store}); the orchestration facade sits on top in {@code cycle}. No method of the public API
 * returns {@code null}: absent values are {@link java.util.Optional} or empty collections.
 */
package io.github.mmsdk.api;
