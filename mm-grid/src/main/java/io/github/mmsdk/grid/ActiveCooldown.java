package io.github.mmsdk.grid;

import io.github.mmsdk.grid.internal.GridValue;
import java.time.Instant;
import org.immutables.value.Value;

/** A grid's cooldown in force, derived from stored records. */
@GridValue
@Value.Immutable
public abstract class ActiveCooldown {

  ActiveCooldown() {}

  /** What started the cooldown. */
  public enum Cause {
    /** The grid was stopped. */
    AFTER_STOP,
    /** A setup for the grid was declined (or ignored) by the operator. */
    AFTER_DECLINED_SETUP,
    /** A setup for the grid expired without a verdict. */
    AFTER_EXPIRED_SETUP
  }

  /** {@return the grid} */
  public abstract String gridId();

  /** {@return the cause} */
  public abstract Cause cause();

  /** {@return when the causing event happened} */
  public abstract Instant since();

  /** {@return when the cooldown ends} */
  public abstract Instant until();

  /** {@return the record the cause was read from, e.g. a decision id or {@code grid history}} */
  public abstract String source();

  /** {@return the cooldown in words, for reasons} */
  public String describe() {
    return "cooldown "
        + cause()
        + " of grid "
        + gridId()
        + " since "
        + since()
        + " ("
        + source()
        + ") lasts until "
        + until();
  }

  /** Builds an {@link ActiveCooldown}. */
  public static final class Builder extends ImmutableActiveCooldown.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
