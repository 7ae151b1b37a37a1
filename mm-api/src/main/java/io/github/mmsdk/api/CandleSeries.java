package io.github.mmsdk.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * An ordered, immutable run of candles of one symbol and timeframe, stored column-wise in primitive
 * arrays so that millions of candles fit in memory and iterate without allocation.
 *
 * <p>Open times rise strictly and sit on the timeframe's UTC grid; gaps are allowed here (what a
 * computation does with them is its own documented policy). {@link #slice} and {@link #upTo} are
 * views that share the arrays; nothing can change a series after {@link Builder#build()}. Instances
 * are thread-safe.
 */
public final class CandleSeries {

  private final Symbol symbol;
  private final Timeframe timeframe;
  private final long[] openTimes;
  private final double[] open;
  private final double[] high;
  private final double[] low;
  private final double[] close;
  private final double[] volume;
  private final int offset;
  private final int size;

  private CandleSeries(
      Symbol symbol,
      Timeframe timeframe,
      long[] openTimes,
      double[] open,
      double[] high,
      double[] low,
      double[] close,
      double[] volume,
      int offset,
      int size) {
    this.symbol = symbol;
    this.timeframe = timeframe;
    this.openTimes = openTimes;
    this.open = open;
    this.high = high;
    this.low = low;
    this.close = close;
    this.volume = volume;
    this.offset = offset;
    this.size = size;
  }

  /**
   * Starts a series.
   *
   * @param symbol the symbol of every candle
   * @param timeframe the timeframe of every candle
   * @return a builder
   */
  public static Builder builder(Symbol symbol, Timeframe timeframe) {
    return new Builder(symbol, timeframe, 64);
  }

  /**
   * Starts a series with room for {@code expectedSize} candles before the arrays grow.
   *
   * @param symbol the symbol of every candle
   * @param timeframe the timeframe of every candle
   * @param expectedSize the expected number of candles
   * @return a builder
   */
  public static Builder builder(Symbol symbol, Timeframe timeframe, int expectedSize) {
    return new Builder(symbol, timeframe, Math.max(1, expectedSize));
  }

  /**
   * Creates a series from candles in order.
   *
   * @param symbol the symbol
   * @param timeframe the timeframe
   * @param candles candles in strictly ascending open-time order
   * @return the series
   * @throws InvalidCandleException naming the first candle out of order or off the grid
   */
  public static CandleSeries of(Symbol symbol, Timeframe timeframe, Collection<Candle> candles) {
    Builder b = new Builder(symbol, timeframe, Math.max(1, candles.size()));
    for (Candle c : candles) {
      b.add(c);
    }
    return b.build();
  }

  /**
   * An empty series.
   *
   * @param symbol the symbol
   * @param timeframe the timeframe
   * @return a series with no candles
   */
  public static CandleSeries empty(Symbol symbol, Timeframe timeframe) {
    return new Builder(symbol, timeframe, 1).build();
  }

  /** {@return the symbol of every candle} */
  public Symbol symbol() {
    return symbol;
  }

  /** {@return the timeframe of every candle} */
  public Timeframe timeframe() {
    return timeframe;
  }

  /** {@return the number of candles} */
  public int size() {
    return size;
  }

  /** {@return whether the series has no candle} */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * The open time of candle {@code i}, in epoch milliseconds.
   *
   * @param i index from 0
   * @return the open time
   */
  public long openTimeMillis(int i) {
    return openTimes[at(i)];
  }

  /**
   * The open time of candle {@code i}.
   *
   * @param i index from 0
   * @return the open time
   */
  public Instant openTime(int i) {
    return Instant.ofEpochMilli(openTimeMillis(i));
  }

  /**
   * The close time of candle {@code i} (its open time plus the timeframe), in epoch milliseconds.
   *
   * @param i index from 0
   * @return the close time
   */
  public long closeTimeMillis(int i) {
    return openTimes[at(i)] + timeframe.millis();
  }

  /**
   * The open price of candle {@code i}.
   *
   * @param i index from 0
   * @return the price
   */
  public double open(int i) {
    return open[at(i)];
  }

  /**
   * The high price of candle {@code i}.
   *
   * @param i index from 0
   * @return the price
   */
  public double high(int i) {
    return high[at(i)];
  }

  /**
   * The low price of candle {@code i}.
   *
   * @param i index from 0
   * @return the price
   */
  public double low(int i) {
    return low[at(i)];
  }

  /**
   * The close price of candle {@code i}.
   *
   * @param i index from 0
   * @return the price
   */
  public double close(int i) {
    return close[at(i)];
  }

  /**
   * The base volume of candle {@code i}.
   *
   * @param i index from 0
   * @return the volume
   */
  public double volume(int i) {
    return volume[at(i)];
  }

  /**
   * Candle {@code i} as a value (allocates; prefer the column accessors in loops).
   *
   * @param i index from 0
   * @return the candle
   */
  public Candle candle(int i) {
    int k = at(i);
    return Candle.of(
        Instant.ofEpochMilli(openTimes[k]), open[k], high[k], low[k], close[k], volume[k]);
  }

  /** {@return a copy of the high prices, in order, for array-based computations} */
  public double[] highs() {
    return Arrays.copyOfRange(high, offset, offset + size);
  }

  /** {@return a copy of the low prices, in order, for array-based computations} */
  public double[] lows() {
    return Arrays.copyOfRange(low, offset, offset + size);
  }

  /** {@return a copy of the close prices, in order, for array-based computations} */
  public double[] closes() {
    return Arrays.copyOfRange(close, offset, offset + size);
  }

  /** {@return the last candle, if any} */
  public Optional<Candle> last() {
    return size == 0 ? Optional.empty() : Optional.of(candle(size - 1));
  }

  /**
   * A view of candles {@code [from, to)}, sharing this series' arrays.
   *
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @return the view
   * @throws IndexOutOfBoundsException when the range is outside the series
   */
  public CandleSeries slice(int from, int to) {
    if (from < 0 || to > size || from > to) {
      throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + size);
    }
    return new CandleSeries(
        symbol, timeframe, openTimes, open, high, low, close, volume, offset + from, to - from);
  }

  /**
   * The candles closed at or before an instant: what a decision at that instant may see.
   *
   * @param instant the decision time
   * @return a view of the candles whose close time is at or before {@code instant}
   */
  public CandleSeries upTo(Instant instant) {
    return slice(0, countClosedAt(instant.toEpochMilli()));
  }

  /**
   * The candles whose open time lies in {@code [from, to)}.
   *
   * @param from first open time, inclusive
   * @param to last open time, exclusive
   * @return a view
   */
  public CandleSeries between(Instant from, Instant to) {
    int a = lowerBound(from.toEpochMilli());
    int b = Math.max(a, lowerBound(to.toEpochMilli()));
    return slice(a, b);
  }

  /**
   * The index of the candle that opens at a time.
   *
   * @param openTimeMillis an open time in epoch milliseconds
   * @return its index, or a negative number when no candle opens then
   */
  public int indexOf(long openTimeMillis) {
    int i = lowerBound(openTimeMillis);
    return i < size && openTimeMillis(i) == openTimeMillis ? i : -1;
  }

  private int countClosedAt(long epochMillis) {
    return lowerBound(epochMillis - timeframe.millis() + 1);
  }

  /** First index whose open time is >= t. */
  private int lowerBound(long t) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (openTimes[offset + mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int at(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("index " + i + " of " + size);
    }
    return offset + i;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CandleSeries)) {
      return false;
    }
    CandleSeries s = (CandleSeries) o;
    return symbol.equals(s.symbol)
        && timeframe == s.timeframe
        && size == s.size
        && Arrays.equals(openTimes, offset, offset + size, s.openTimes, s.offset, s.offset + size)
        && Arrays.equals(open, offset, offset + size, s.open, s.offset, s.offset + size)
        && Arrays.equals(high, offset, offset + size, s.high, s.offset, s.offset + size)
        && Arrays.equals(low, offset, offset + size, s.low, s.offset, s.offset + size)
        && Arrays.equals(close, offset, offset + size, s.close, s.offset, s.offset + size)
        && Arrays.equals(volume, offset, offset + size, s.volume, s.offset, s.offset + size);
  }

  @Override
  public int hashCode() {
    int h = symbol.hashCode() * 31 + timeframe.hashCode();
    for (int i = offset; i < offset + size; i++) {
      h = h * 31 + Long.hashCode(openTimes[i]);
      h = h * 31 + Double.hashCode(close[i]);
    }
    return h;
  }

  @Override
  public String toString() {
    return "CandleSeries{"
        + symbol
        + " "
        + timeframe.label()
        + ", "
        + size
        + " candles"
        + (size == 0 ? "" : ", " + openTime(0) + " .. " + openTime(size - 1))
        + "}";
  }

  /** Collects candles in ascending order and validates each one as it is added. Not thread-safe. */
  public static final class Builder {
    private final Symbol symbol;
    private final Timeframe timeframe;
    private long[] openTimes;
    private double[] open;
    private double[] high;
    private double[] low;
    private double[] close;
    private double[] volume;
    private int size;
    private boolean built;

    private Builder(Symbol symbol, Timeframe timeframe, int capacity) {
      this.symbol = symbol;
      this.timeframe = timeframe;
      openTimes = new long[capacity];
      open = new double[capacity];
      high = new double[capacity];
      low = new double[capacity];
      close = new double[capacity];
      volume = new double[capacity];
    }

    /**
     * Appends a candle.
     *
     * @param openTimeMillis open time in epoch milliseconds, on the timeframe's grid and later than
     *     the previous candle's
     * @param o open price
     * @param h high price
     * @param l low price
     * @param c close price
     * @param v base volume
     * @return this builder
     * @throws InvalidCandleException naming the candle's index when it breaks an invariant
     */
    public Builder add(long openTimeMillis, double o, double h, double l, double c, double v) {
      if (built) {
        throw new IllegalStateException("build() was already called");
      }
      CandleChecks.check(size, o, h, l, c, v);
      if (timeframe.floorMillis(openTimeMillis) != openTimeMillis) {
        throw new InvalidCandleException(
            size,
            "openTime",
            Instant.ofEpochMilli(openTimeMillis) + " is not on the " + timeframe.label() + " grid");
      }
      if (size > 0 && openTimeMillis <= openTimes[size - 1]) {
        throw new InvalidCandleException(
            size,
            "openTime",
            Instant.ofEpochMilli(openTimeMillis)
                + (openTimeMillis == openTimes[size - 1] ? " duplicates" : " is before")
                + " the previous candle's "
                + Instant.ofEpochMilli(openTimes[size - 1]));
      }
      if (size == openTimes.length) {
        int n = Math.max(16, size + (size >> 1));
        openTimes = Arrays.copyOf(openTimes, n);
        open = Arrays.copyOf(open, n);
        high = Arrays.copyOf(high, n);
        low = Arrays.copyOf(low, n);
        close = Arrays.copyOf(close, n);
        volume = Arrays.copyOf(volume, n);
      }
      openTimes[size] = openTimeMillis;
      open[size] = o;
      high[size] = h;
      low[size] = l;
      close[size] = c;
      volume[size] = v;
      size++;
      return this;
    }

    /**
     * Appends a candle value.
     *
     * @param candle the candle
     * @return this builder
     * @throws InvalidCandleException when it is out of order or off the grid
     */
    public Builder add(Candle candle) {
      return add(
          candle.openTime().toEpochMilli(),
          candle.open(),
          candle.high(),
          candle.low(),
          candle.close(),
          candle.volume());
    }

    /** {@return the number of candles added so far} */
    public int size() {
      return size;
    }

    /**
     * The open time of the last candle added.
     *
     * @return epoch milliseconds, when a candle was added
     */
    public Optional<Instant> lastOpenTime() {
      return size == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(openTimes[size - 1]));
    }

    /** {@return the series; the builder cannot be used afterwards} */
    public CandleSeries build() {
      built = true;
      return new CandleSeries(
          symbol, timeframe, openTimes, open, high, low, close, volume, 0, size);
    }
  }
}
