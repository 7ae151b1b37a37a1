package io.github.mmsdk.exchange.kucoin;

import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exchange.ExchangeInterface;
import io.github.mmsdk.exchange.kucoin.fake.FakeKuCoin;
import io.github.mmsdk.testkit.exchange.ExchangeContract;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** KuCoinExchange, against the fake KuCoin, passes the exchange contract of mm-testkit. */
class KuCoinExchangeContractIT extends ExchangeContract {
  private static Loopback loop;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(
        FakeKuCoin.dataPresent(), "../shared/data absent: skipping real-data test");
    loop = new Loopback();
  }

  @AfterAll
  static void stop() {
    if (loop != null) {
      loop.close();
    }
  }

  @Override
  protected List<Timeframe> timeframes() {
    return List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);
  }

  @Override
  protected ExchangeInterface createExchange(Account account) {
    switch (account) {
      case SAFE_KEY:
        return loop.exchange(Loopback.KEY);
      case WITHDRAW_KEY:
        return loop.exchange(Loopback.WITHDRAW_KEY);
      case NO_IP_WHITELIST_KEY:
        return loop.exchange(Loopback.OPEN_KEY);
      default:
        return loop.exchange(null);
    }
  }
}
