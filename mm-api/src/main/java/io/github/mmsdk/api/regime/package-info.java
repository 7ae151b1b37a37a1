/**
 * The regime contract: candles (1h primary, 4h confirmation) in, a {@link
 * io.github.mmsdk.api.regime.RegimeState} out, with the six metric values, their votes, the
 * confidence and its penalties, and the restart gates.
 */
package io.github.mmsdk.api.regime;
