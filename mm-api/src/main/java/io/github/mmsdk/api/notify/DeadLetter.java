package io.github.mmsdk.api.notify;

import io.github.mmsdk.api.internal.MmValue;
import java.time.Instant;
import java.util.List;
import org.immutables.value.Value;

/** A notification that could not be delivered, with the history of its attempts. */
@MmValue
@Value.Immutable
public abstract class DeadLetter {

  DeadLetter() {}

  /** {@return the notification} */
  public abstract Notification notification();

  /** {@return the failed deliveries, oldest first} */
  public abstract List<DeliveryReport> attempts();

  /** {@return when it was first dead-lettered} */
  public abstract Instant since();

  /** Builds a {@link DeadLetter}. */
  public static final class Builder extends ImmutableDeadLetter.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
