package io.github.mmsdk.api.cycle;

import io.github.mmsdk.api.Symbol;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Times calls to the exchange and tells the listener how each one ended. */
final class ExchangeCalls {

  private final CycleListener listener;
  private final LongSupplier ticker;

  ExchangeCalls(CycleListener listener, LongSupplier ticker) {
    this.listener = listener;
    this.ticker = ticker;
  }

  /**
   * Runs one call; its failure is rethrown after it was reported.
   *
   * @param symbol the pair the call is for
   * @param operation the operation's tag, e.g. {@code balance}
   * @param call the call
   * @return what the call returned
   */
  <T> T call(Symbol symbol, String operation, Supplier<T> call) {
    long t0 = ticker.getAsLong();
    T value;
    try {
      value = call.get();
    } catch (RuntimeException e) {
      listener.exchangeCallFinished(symbol, operation, since(t0), Optional.of(e));
      throw e;
    }
    listener.exchangeCallFinished(symbol, operation, since(t0), Optional.empty());
    return value;
  }

  private Duration since(long t0) {
    return Duration.ofNanos(ticker.getAsLong() - t0);
  }
}
