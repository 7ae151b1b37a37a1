package io.github.mmsdk.api.exchange;

import java.time.Clock;

/**
 * Creates exchanges of one kind; found through {@link java.util.ServiceLoader} so a runner can pick
 * an exchange by id. Register an implementation in {@code
 * META-INF/services/io.github.mmsdk.api.exchange.ExchangeProvider}.
 */
public interface ExchangeProvider {

  /** {@return the stable lower-case id used in configuration, e.g. {@code kucoin}} */
  String id();

  /**
   * Creates an exchange.
   *
   * @param settings addresses, credentials and options
   * @param clock the clock for signatures, rate budgets and circuit timing
   * @return a new exchange; the caller closes it
   */
  ExchangeInterface create(ExchangeSettings settings, Clock clock);
}
