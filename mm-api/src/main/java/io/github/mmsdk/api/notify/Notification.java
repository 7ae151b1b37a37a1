package io.github.mmsdk.api.notify;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.internal.MmValue;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A message for the operator, structured so that each channel can render it its own way. The {@link
 * #id()} is stable and doubles as the idempotency key of every delivery attempt.
 */
@MmValue
@Value.Immutable
public abstract class Notification {

  Notification() {}

  /** What a notification is about. */
  public enum Kind {
    /** A regime verdict or change. */
    REGIME,
    /** An exit state or transition of a running grid. */
    EXIT_STATE,
    /** A recommendation to act. */
    RECOMMENDATION,
    /** A fault of the system itself. */
    OPERATIONAL_ALERT,
    /** A fault has cleared. */
    RECOVERY
  }

  /** {@return the stable id and idempotency key} */
  public abstract String id();

  /** {@return what it is about} */
  public abstract Kind kind();

  /** {@return how urgent it is} */
  public abstract NotificationPriority priority();

  /** {@return a short title} */
  public abstract String title();

  /** {@return the message body, plain text} */
  public abstract String message();

  /** {@return the symbol, when it concerns one} */
  public abstract Optional<Symbol> symbol();

  /** {@return the grid, when it concerns one} */
  public abstract Optional<String> gridId();

  /** {@return when it was created} */
  public abstract Instant createdAt();

  /** {@return structured facts (regime, exit state, action, reasons, …) in display order} */
  public abstract Map<String, String> fields();

  /** Builds a {@link Notification}. */
  public static final class Builder extends ImmutableNotification.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
