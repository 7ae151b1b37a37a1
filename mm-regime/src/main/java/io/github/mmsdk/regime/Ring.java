package io.github.mmsdk.regime;

import java.util.Arrays;

/**
 * The fixed ring buffer of the windowed metrics: the last {@code size} values, written over the
 * oldest. Final and tiny so that every call inlines; allocates nothing after construction.
 */
final class Ring {

  /** The storage; index {@link #pos} is the oldest value once the ring is full. */
  final double[] a;

  /** The next slot to write. */
  int pos;

  Ring(int size) {
    this.a = new double[size];
  }

  /** Writes {@code v} over the oldest value and returns the value it replaced (0 until full). */
  double push(double v) {
    double old = a[pos];
    a[pos] = v;
    pos = pos + 1 == a.length ? 0 : pos + 1;
    return old;
  }

  /** {@return whether the last push completed a lap (the storage is in age order again)} */
  boolean wrapped() {
    return pos == 0;
  }

  /** {@return the oldest value (once full)} */
  double oldest() {
    return a[pos];
  }

  /** {@return the second-oldest value (once full)} */
  double secondOldest() {
    return a[pos + 1 == a.length ? 0 : pos + 1];
  }

  /** {@return the newest value} */
  double newest() {
    return a[pos == 0 ? a.length - 1 : pos - 1];
  }

  /** {@return the sum of the storage, index 0 first} */
  double sum() {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  /** Forgets every value. */
  void clear() {
    Arrays.fill(a, 0);
    pos = 0;
  }
}
