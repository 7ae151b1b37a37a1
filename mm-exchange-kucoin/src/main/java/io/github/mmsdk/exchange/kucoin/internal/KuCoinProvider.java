package io.github.mmsdk.exchange.kucoin.internal;

import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.api.exchange.ExchangeProvider;
import io.github.mmsdk.api.exchange.ExchangeSettings;
import io.github.mmsdk.exchange.kucoin.KuCoinExchange;
import java.time.Clock;

/** The {@link java.util.ServiceLoader} provider of {@link KuCoinExchange}, id {@code kucoin}. */
public final class KuCoinProvider implements ExchangeProvider {
  /** Creates the provider (ServiceLoader needs a public no-argument constructor). */
  public KuCoinProvider() {}

  @Override
  public String id() {
    return ErrorClassifier.VENUE;
  }

  @Override
  public ExchangeInterface create(ExchangeSettings settings, Clock clock) {
    return new KuCoinExchange(settings, clock);
  }
}
