package io.github.mmsdk.ops;

import io.github.mmsdk.ops.internal.OpsValue;
import java.time.Instant;
import org.immutables.value.Value;

/** An open operational incident: a fault that was alerted and has not cleared yet. */
@OpsValue
@Value.Immutable
public abstract class Incident {

  Incident() {}

  /** {@return the kind of fault} */
  public abstract AlertKind kind();

  /** {@return what it concerns: {@code exchange}, {@code store}, {@code notifier} or a symbol} */
  public abstract String subject();

  /** {@return when it was first alerted} */
  public abstract Instant since();

  /** {@return when the operator was last notified of it} */
  public abstract Instant lastNotified();

  /** {@return how many reminders were sent} */
  public abstract int reminders();

  /** {@return the latest description of the fault} */
  public abstract String message();

  /** Builds an {@link Incident}. */
  public static final class Builder extends ImmutableIncident.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
