package io.github.mmsdk.api.notify;

import io.github.mmsdk.api.internal.MmValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** What became of one notification on one channel (or, for a composite, on all of them). */
@MmValue
@Value.Immutable
public abstract class DeliveryReport {

  DeliveryReport() {}

  /** The outcome of a delivery. */
  public enum Status {
    /** The channel accepted it. */
    DELIVERED,
    /** Every attempt failed and it was handed to the dead-letter sink. */
    DEAD_LETTERED,
    /** Every attempt failed and no sink was wired. */
    FAILED,
    /** Not sent on purpose (channel not configured, or rate limited). */
    SKIPPED
  }

  /** {@return the notification's id} */
  public abstract String notificationId();

  /** {@return the channel, e.g. {@code pushover}} */
  public abstract String channel();

  /** {@return the outcome} */
  public abstract Status status();

  /** {@return how many attempts were made} */
  public abstract int attempts();

  /** {@return when the outcome was reached} */
  public abstract Instant at();

  /** {@return the channel's receipt, e.g. a Pushover emergency receipt} */
  public abstract Optional<String> receipt();

  /** {@return what went wrong, when it failed} */
  public abstract Optional<String> error();

  /** {@return per-channel reports, for a composite} */
  public abstract List<DeliveryReport> channels();

  /** {@return whether the notification reached the operator on some channel} */
  public boolean delivered() {
    return status() == Status.DELIVERED
        || channels().stream().anyMatch(c -> c.status() == Status.DELIVERED);
  }

  /** Builds a {@link DeliveryReport}. */
  public static final class Builder extends ImmutableDeliveryReport.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
