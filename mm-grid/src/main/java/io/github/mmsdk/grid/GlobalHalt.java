package io.github.mmsdk.grid;

import io.github.mmsdk.api.InvalidConfigurationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The global trading halt, derived from its stored history of {@link HaltEvent}s (never kept in
 * memory only).
 *
 * <p>The halt is entered on a daily-loss breach, while the exchange circuit is open, or by the
 * operator; it is left only by an explicit {@link #resume} naming who and why. While halted, every
 * capital-deploying recommendation is vetoed; risk-reducing ones still pass. Each transition
 * returns a new instance whose {@link #events()} the caller stores. Immutable and thread-safe.
 */
public final class GlobalHalt {

  private final List<HaltEvent> events;

  private GlobalHalt(List<HaltEvent> events) {
    this.events = List.copyOf(events);
  }

  /**
   * The halt state of a stored history.
   *
   * @param events the events, oldest first
   * @return the state
   */
  public static GlobalHalt of(List<HaltEvent> events) {
    return new GlobalHalt(events);
  }

  /** {@return a state with no history: not halted} */
  public static GlobalHalt none() {
    return new GlobalHalt(List.of());
  }

  /** {@return the history, oldest first, to store} */
  public List<HaltEvent> events() {
    return events;
  }

  /** {@return whether trading is halted: the last event is a halt} */
  public boolean isHalted() {
    return !events.isEmpty() && events.get(events.size() - 1).halted();
  }

  /** {@return the halt events since the last resume, when halted} */
  public List<HaltEvent> activeHalts() {
    List<HaltEvent> out = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0 && events.get(i).halted(); i--) {
      out.add(0, events.get(i));
    }
    return out;
  }

  /** {@return when the current halt began, when halted} */
  public Optional<Instant> haltedSince() {
    List<HaltEvent> active = activeHalts();
    return active.isEmpty() ? Optional.empty() : Optional.of(active.get(0).at());
  }

  /**
   * Applies the automatic triggers: a halt is entered when the day's loss reaches the limit or the
   * exchange circuit is open, unless a halt for the same cause is already active.
   *
   * @param at the decision time
   * @param dailyPnl the profit (positive) or loss (negative) of the current UTC day
   * @param circuitOpen whether the exchange circuit breaker is open
   * @param rules the rules giving the daily loss limit
   * @return this state, or a new one with the halts appended
   */
  public GlobalHalt observe(
      Instant at, BigDecimal dailyPnl, boolean circuitOpen, GridRulesConfig rules) {
    GlobalHalt out = this;
    BigDecimal loss = dailyPnl.negate();
    if (loss.compareTo(rules.maxDailyLoss()) >= 0
        && !out.activeFor(HaltEvent.Cause.DAILY_LOSS_LIMIT)) {
      out =
          out.append(
              at,
              HaltEvent.Cause.DAILY_LOSS_LIMIT,
              "system",
              "daily loss "
                  + CapitalAllocator.plain(loss)
                  + " reached the limit "
                  + CapitalAllocator.plain(rules.maxDailyLoss()));
    }
    if (circuitOpen && !out.activeFor(HaltEvent.Cause.EXCHANGE_CIRCUIT_OPEN)) {
      out =
          out.append(at, HaltEvent.Cause.EXCHANGE_CIRCUIT_OPEN, "system", "exchange circuit open");
    }
    return out;
  }

  /**
   * The operator halts trading.
   *
   * @param actor who
   * @param reason why
   * @param at when
   * @return the new state
   * @throws InvalidConfigurationException when actor or reason is blank
   */
  public GlobalHalt halt(String actor, String reason, Instant at) {
    requireWords(actor, reason);
    return append(at, HaltEvent.Cause.OPERATOR, actor, reason);
  }

  /**
   * Leaves the halt; the only way out.
   *
   * @param actor who resumes (an operator)
   * @param reason why it is safe to resume
   * @param at when
   * @return the new state, not halted
   * @throws InvalidConfigurationException when not halted, or actor or reason is blank
   */
  public GlobalHalt resume(String actor, String reason, Instant at) {
    requireWords(actor, reason);
    if (!isHalted()) {
      throw new InvalidConfigurationException("halt.resume", "trading is not halted");
    }
    List<HaltEvent> next = new ArrayList<>(events);
    next.add(new HaltEvent.Builder().at(at).halted(false).actor(actor).reason(reason).build());
    return new GlobalHalt(next);
  }

  private boolean activeFor(HaltEvent.Cause cause) {
    return activeHalts().stream().anyMatch(e -> e.cause().orElse(null) == cause);
  }

  private GlobalHalt append(Instant at, HaltEvent.Cause cause, String actor, String reason) {
    List<HaltEvent> next = new ArrayList<>(events);
    next.add(
        new HaltEvent.Builder()
            .at(at)
            .halted(true)
            .cause(cause)
            .actor(actor)
            .reason(reason)
            .build());
    return new GlobalHalt(next);
  }

  private static void requireWords(String actor, String reason) {
    if (actor.isBlank() || reason.isBlank()) {
      throw new InvalidConfigurationException("halt.actor", "who and why must both be given");
    }
  }
}
