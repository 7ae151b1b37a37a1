package io.github.mmsdk.grid;

import java.util.Optional;

/**
 * One small, independent pre-trade risk check (seed 002 risk engine). It looks only at
 * capital-deploying actions; {@link PreTradeChecks} never asks it about risk-reducing ones.
 */
public interface PreTradeCheck {

  /** {@return the check's stable name, e.g. {@code symbol_whitelist}} */
  String name();

  /**
   * Checks a request.
   *
   * @param request the proposed action and the risk state
   * @return why the action is vetoed, or empty when it may go ahead
   */
  Optional<String> veto(PreTradeRequest request);
}
