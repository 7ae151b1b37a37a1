package io.github.mmsdk.api.health;

import io.github.mmsdk.api.internal.MmValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The health of one component, with details an operator can act on (circuit state, last successful
 * call, backlog, unpushed commits, newest candle age, …).
 */
@MmValue
@Value.Immutable
public abstract class Health {

  Health() {}

  /** {@return the component's name, e.g. {@code exchange:kucoin} or {@code store:git}} */
  public abstract String component();

  /** {@return the status} */
  public abstract HealthStatus status();

  /** {@return details as ordered key/value pairs; never secrets} */
  public abstract Map<String, String> details();

  /** {@return the last time the component did its job successfully, if ever} */
  public abstract Optional<Instant> lastSuccess();

  /** {@return the parts this health aggregates; empty for a leaf component} */
  public abstract List<Health> components();

  /**
   * A component that works.
   *
   * @param component the component's name
   * @return an {@code UP} health
   */
  public static Health up(String component) {
    return new Builder().component(component).status(HealthStatus.UP).build();
  }

  /**
   * A component that does not work.
   *
   * @param component the component's name
   * @param reason why, for the operator
   * @return a {@code DOWN} health
   */
  public static Health down(String component, String reason) {
    return new Builder()
        .component(component)
        .status(HealthStatus.DOWN)
        .putDetail("reason", reason)
        .build();
  }

  /**
   * Aggregates components: the result has the worst of their statuses.
   *
   * @param component the aggregate's name
   * @param parts the components
   * @return the aggregate, {@code UP} when there are no parts
   */
  public static Health aggregate(String component, List<Health> parts) {
    HealthStatus status = HealthStatus.UP;
    for (Health h : parts) {
      status = status.worst(h.status());
    }
    return new Builder().component(component).status(status).addAllComponents(parts).build();
  }

  /** Builds a {@link Health}. */
  public static final class Builder extends ImmutableHealth.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
