package io.github.mmsdk.grid;

import io.github.mmsdk.api.exchange.MarketData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stale-data guard: no capital-deploying recommendation is made from data older than a limit
 * (default two candle intervals, {@link GridRulesConfig#maxDataAge}). Stateless.
 */
public final class StaleDataGuard {

  private StaleDataGuard() {}

  /**
   * Why the data is stale.
   *
   * @param asOf the decision time
   * @param newestCandleClose the close time of the newest closed candle, when known
   * @param marketData the market snapshot, when read
   * @param maxAge the oldest acceptable data
   * @return the reasons; empty when the data is fresh
   */
  public static List<String> staleReasons(
      Instant asOf,
      Optional<Instant> newestCandleClose,
      Optional<MarketData> marketData,
      Duration maxAge) {
    List<String> out = new ArrayList<>();
    if (newestCandleClose.isEmpty()) {
      out.add("no closed candle is known");
    } else {
      Duration age = Duration.between(newestCandleClose.get(), asOf);
      if (age.compareTo(maxAge) > 0) {
        out.add(
            "newest candle closed "
                + age.toMinutes()
                + " min ago, more than the limit of "
                + maxAge.toMinutes()
                + " min");
      }
    }
    if (marketData.isPresent()) {
      Duration age = Duration.between(marketData.get().asOf(), asOf);
      if (age.compareTo(maxAge) > 0) {
        out.add(
            "market data is "
                + age.toMinutes()
                + " min old, more than the limit of "
                + maxAge.toMinutes()
                + " min");
      }
    }
    return out;
  }
}
