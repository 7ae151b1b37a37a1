package io.github.mmsdk.api.decision;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.internal.MmValue;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An append-only record of the system's own control state, kept beside the decisions: operator
 * halts and resumes, the states of executed grid commands (so that a restart never executes a
 * command twice), and findings of the start-up reconciliation.
 *
 * <pre>{@code
 * store.appendControl(new ControlRecord.Builder()
 *     .id("halt-2026-11-23T10:00Z").kind(ControlRecord.Kind.HALT)
 *     .at(now).actor("alice").reason("exchange maintenance").build());
 * }</pre>
 */
@MmValue
@Value.Immutable
public abstract class ControlRecord {

  ControlRecord() {}

  /** What a control record says. */
  public enum Kind {
    /** The operator halted risk-increasing actions. */
    HALT,
    /** The operator lifted a halt. */
    RESUME,
    /** A grid command is about to be sent to the exchange under {@link #key()}. */
    COMMAND_PENDING,
    /** The exchange answered a grid command; {@code attributes.status} says how. */
    COMMAND_DONE,
    /** The start-up reconciliation found the store and the exchange disagreeing. */
    FINDING
  }

  /** {@return the record's id, unique in the store} */
  public abstract String id();

  /** {@return what the record says} */
  public abstract Kind kind();

  /** {@return when it happened} */
  public abstract Instant at();

  /** {@return who did it: an operator's name, or {@code system}} */
  public abstract String actor();

  /** {@return why, in the actor's words} */
  @Value.Default
  public String reason() {
    return "";
  }

  /** {@return the pair it concerns, when it concerns one} */
  public abstract Optional<Symbol> symbol();

  /** {@return the idempotency key of a command record} */
  public abstract Optional<String> key();

  /** {@return further facts (command kind, grid id, status, exchange message), by name} */
  public abstract Map<String, String> attributes();

  @Value.Check
  void check() {
    if (id().isBlank() || actor().isBlank()) {
      throw new InvalidConfigurationException(
          "control.id", "a control record needs an id and an actor");
    }
    if ((kind() == Kind.COMMAND_PENDING || kind() == Kind.COMMAND_DONE) && key().isEmpty()) {
      throw new InvalidConfigurationException(
          "control.key", "a command record needs its idempotency key");
    }
  }

  /** Builds a {@link ControlRecord}. */
  public static final class Builder extends ImmutableControlRecord.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
