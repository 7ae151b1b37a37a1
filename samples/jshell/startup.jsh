// Market Maker SDK — JShell startup: imports and two helpers.
// jshell --class-path samples/target/mm-runner.jar --startup DEFAULT --startup samples/jshell/startup.jsh
import io.github.mmsdk.api.*;
import io.github.mmsdk.api.regime.*;
import io.github.mmsdk.regime.*;
import io.github.mmsdk.testkit.exchange.CsvCandles;
import java.nio.file.*;
import java.time.*;

/** Reads a CSV in the ../shared/data format (its name says symbol and timeframe). */
CandleSeries candles(String path) { return CsvCandles.read(Path.of(path)); }

/** The regime at the close of the last candle (or at a given instant). */
RegimeState regimeAt(CandleSeries c, Instant at) {
  return new DefaultRegimeEngine().evaluate(new RegimeInput.Builder()
      .symbol(c.symbol()).asOf(at).primary(c.upTo(at)).build());
}
RegimeState regime(CandleSeries c) {
  return regimeAt(c, Instant.ofEpochMilli(c.closeTimeMillis(c.size() - 1)));
}
