package io.github.mmsdk.api.exchange;

import io.github.mmsdk.api.internal.MmValue;
import java.time.Instant;
import org.immutables.value.Value;

/** What an exchange did with a {@link GridCommand}. */
@MmValue
@Value.Immutable
public abstract class GridCommandResult {

  GridCommandResult() {}

  /** The outcome of a command. */
  public enum Status {
    /** Executed now. */
    EXECUTED,
    /** Executed earlier under the same idempotency key; not executed again. */
    ALREADY_EXECUTED,
    /** Refused by the exchange. */
    REJECTED
  }

  /** {@return the command's idempotency key} */
  @Value.Parameter
  public abstract String idempotencyKey();

  /** {@return the outcome} */
  @Value.Parameter
  public abstract Status status();

  /** {@return the exchange's words on the outcome} */
  @Value.Parameter
  public abstract String message();

  /** {@return when the exchange answered} */
  @Value.Parameter
  public abstract Instant at();

  /**
   * Creates a result.
   *
   * @param idempotencyKey the command's key
   * @param status the outcome
   * @param message the exchange's words
   * @param at when it answered
   * @return the result
   */
  public static GridCommandResult of(
      String idempotencyKey, Status status, String message, Instant at) {
    return ImmutableGridCommandResult.of(idempotencyKey, status, message, at);
  }
}
