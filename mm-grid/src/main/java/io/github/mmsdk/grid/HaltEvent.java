package io.github.mmsdk.grid;

import io.github.mmsdk.grid.internal.GridValue;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** One entry of the global halt's history: halted (with its cause) or resumed, when, who, why. */
@GridValue
@Value.Immutable
public abstract class HaltEvent {

  HaltEvent() {}

  /** Why trading was halted. */
  public enum Cause {
    /** The daily loss reached its limit. */
    DAILY_LOSS_LIMIT,
    /** The exchange circuit breaker was open. */
    EXCHANGE_CIRCUIT_OPEN,
    /** The operator halted trading. */
    OPERATOR
  }

  /** {@return when} */
  public abstract Instant at();

  /** {@return {@code true} for a halt, {@code false} for a resume} */
  public abstract boolean halted();

  /** {@return why the halt was entered; empty for a resume} */
  public abstract Optional<Cause> cause();

  /** {@return who: an operator's name, or {@code system}} */
  public abstract String actor();

  /** {@return why, in words} */
  public abstract String reason();

  /** Builds a {@link HaltEvent}. */
  public static final class Builder extends ImmutableHaltEvent.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
