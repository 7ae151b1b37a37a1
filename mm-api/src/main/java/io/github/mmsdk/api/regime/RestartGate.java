package io.github.mmsdk.api.regime;

/** The three sequential gates a stopped grid passes before a restart (seed Req 17). */
public enum RestartGate {
  /** Gate 1: the directional move has lost its energy. */
  DIRECTIONAL_ENERGY_DECAY,
  /** Gate 2: price has started to revert to a mean. */
  MEAN_REVERSION_RETURN,
  /** Gate 3: volatility is wide enough to pay for fees and narrow enough to stay in range. */
  TRADABLE_VOLATILITY
}
