package io.github.mmsdk.api.grid;

import io.github.mmsdk.api.internal.MmValue;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** One entry of a grid's history: it was enabled or disabled, when, by whom and why. */
@MmValue
@Value.Immutable
public abstract class GridHistoryEntry {

  GridHistoryEntry() {}

  /** What happened to the grid. */
  public enum Event {
    /** The grid was started. */
    ENABLED,
    /** The grid was stopped. */
    DISABLED
  }

  /** {@return when it happened} */
  public abstract Instant at();

  /** {@return what happened} */
  public abstract Event event();

  /** {@return why, in the actor's words} */
  public abstract String reason();

  /** {@return who did it: an operator's name, or {@code system}} */
  @Value.Default
  public String actor() {
    return "system";
  }

  /** {@return the decision this entry acts on, if any} */
  public abstract Optional<String> decisionId();

  /**
   * Creates an entry.
   *
   * @param at when
   * @param event what
   * @param actor who
   * @param reason why
   * @return the entry
   */
  public static GridHistoryEntry of(Instant at, Event event, String actor, String reason) {
    return new Builder().at(at).event(event).actor(actor).reason(reason).build();
  }

  /** Builds a {@link GridHistoryEntry}. */
  public static final class Builder extends ImmutableGridHistoryEntry.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
