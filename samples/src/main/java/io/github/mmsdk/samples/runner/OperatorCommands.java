package io.github.mmsdk.samples.runner;

import io.github.mmsdk.api.cycle.CycleConfig;
import io.github.mmsdk.api.cycle.CycleListener;
import io.github.mmsdk.api.cycle.MarketMaker;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.notify.Notifier;
import io.github.mmsdk.notify.CompositeNotifier;
import io.github.mmsdk.ops.OperationalAlerts;
import io.github.mmsdk.store.git.GitDecisionStore;
import io.github.mmsdk.testkit.exchange.ReplayExchange;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The operator's side of the loop: what was done with a recommendation, manual grid changes, and
 * the halt of risk-increasing actions.
 */
final class OperatorCommands {
  private OperatorCommands() {}

  /** Records what the operator did with a recommendation, next to its decision. */
  @Command(
      name = "action",
      mixinStandardHelpOptions = true,
      description =
          "Record what you did with a recommendation: approved, declined, executed (with price and"
              + " size) or ignored. Appended to the decision; never rewritten.")
  static final class Action implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--decision", required = true, description = "Decision id (dec-…).")
    String decision;

    @Option(
        names = "--kind",
        required = true,
        description = "approved, declined, executed or ignored.")
    String kind;

    @Option(names = "--actor", required = true, description = "Who did it.")
    String actor;

    @Option(names = "--note", description = "Why, in your words.")
    String note = "";

    @Option(names = "--price", description = "Executed price (executed only).")
    BigDecimal price;

    @Option(names = "--size", description = "Executed size in the base currency (executed only).")
    BigDecimal size;

    @Option(names = "--at", description = "When (ISO-8601; default: now).")
    Instant at;

    @Option(names = "--store", description = "Store folder (default: ${DEFAULT-VALUE}).")
    Path store = Path.of("market-maker-data");

    @Override
    public Integer call() {
      ActionRecord.Kind k;
      try {
        k = ActionRecord.Kind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--kind must be approved, declined, executed or ignored");
      }
      if (k == ActionRecord.Kind.EXPIRED) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "expiry is recorded by the system, not by an operator");
      }
      if ((price != null || size != null) && k != ActionRecord.Kind.EXECUTED) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--price and --size belong to --kind executed");
      }
      ActionRecord.Builder b = new ActionRecord.Builder();
      b.decisionId(decision)
          .kind(k)
          .actor(actor)
          .note(note)
          .at(at != null ? at : Clock.systemUTC().instant());
      if (price != null) {
        b.executedPrice(price);
      }
      if (size != null) {
        b.executedSize(size);
      }
      try (GitDecisionStore s = GitDecisionStore.open(store)) {
        String commit = s.appendAction(b.build());
        spec.commandLine().getOut().printf("recorded %s on %s (%s)%n", k, decision, commit);
      }
      return 0;
    }
  }

  /** Records a manual start or stop of a grid in its history (seed Req 19). */
  @Command(
      name = "grid",
      mixinStandardHelpOptions = true,
      description = "Record a manual start or stop of a grid; appends its history entry.")
  static final class Grid implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--id", required = true, description = "Grid id.")
    String id;

    @CommandLine.ArgGroup(multiplicity = "1")
    Change change;

    /** Exactly one of start or stop. */
    static final class Change {
      @Option(names = "--start", required = true, description = "The grid was started.")
      boolean start;

      @Option(names = "--stop", required = true, description = "The grid was stopped.")
      boolean stop;
    }

    @Option(names = "--actor", required = true, description = "Who did it.")
    String actor;

    @Option(names = "--reason", required = true, description = "Why.")
    String reason;

    @Option(names = "--at", description = "When (ISO-8601; default: now).")
    Instant at;

    @Option(names = "--store", description = "Store folder (default: ${DEFAULT-VALUE}).")
    Path store = Path.of("market-maker-data");

    @Override
    public Integer call() {
      GridHistoryEntry.Event event =
          change.start ? GridHistoryEntry.Event.ENABLED : GridHistoryEntry.Event.DISABLED;
      GridHistoryEntry entry =
          GridHistoryEntry.of(at != null ? at : Clock.systemUTC().instant(), event, actor, reason);
      try (GitDecisionStore s = GitDecisionStore.open(store)) {
        String commit = s.appendGridHistory(id, entry);
        spec.commandLine().getOut().printf("recorded %s of %s (%s)%n", event, id, commit);
      }
      return 0;
    }
  }

  /**
   * A facade over the store alone, with the environment's notification channels: halt and resume
   * touch only the store (and announce), so no exchange is called.
   */
  private record Control(MarketMaker facade, Notifier notifier) implements AutoCloseable {
    static Control open(Path store, Clock clock, Map<String, String> env) {
      GitDecisionStore s = GitDecisionStore.builder(store).clock(clock).open();
      try {
        Notifier notifier = CompositeNotifier.fromEnvironment(env, clock, s);
        return new Control(
            OperationsCommands.marketMaker(
                ReplayExchange.builder(clock).id("none").build(),
                s,
                notifier,
                clock,
                CycleConfig.defaults(),
                CycleListener.noop()),
            notifier);
      } catch (RuntimeException e) {
        s.close();
        throw e;
      }
    }

    @Override
    public void close() {
      facade.close(); // closes the store and the notifier too
    }
  }

  /**
   * Halts risk-increasing actions: cycles go on, exits are still assessed and notified, but no grid
   * is set up until {@code resume}. Recorded in the store (it survives restarts) and announced once
   * through the notification channels.
   */
  @Command(
      name = "halt",
      mixinStandardHelpOptions = true,
      description =
          "Halt risk-increasing actions (no grid setups; exits still flow) until resume. Recorded"
              + " in the store and announced through the notification channels; a second halt"
              + " while halted records nothing.")
  static final class Halt implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--actor", required = true, description = "Who halts.")
    String actor;

    @Option(names = "--reason", required = true, description = "Why, in your words.")
    String reason;

    @Option(names = "--store", description = "Store folder (default: ${DEFAULT-VALUE}).")
    Path store = Path.of("market-maker-data");

    @Override
    public Integer call() {
      Clock clock = Clock.systemUTC();
      PrintWriter out = spec.commandLine().getOut();
      try (Control control = Control.open(store, clock, System.getenv())) {
        MarketMaker mm = control.facade();
        Optional<ControlRecord> already = mm.haltState();
        if (already.isPresent()) {
          out.println("already halted; nothing recorded");
          out.println(OperationsCommands.describeHalt(already.get()));
          return 0;
        }
        ControlRecord r = mm.halt(actor, reason);
        out.printf("recorded HALT %s%n", r.id());
        out.println(OperationsCommands.describeHalt(r));
        out.println(
            "a running service applies it from its next start; resume with: mm-runner resume"
                + " --actor NAME --reason TEXT");
        new OperationalAlerts(control.notifier(), clock).control(r);
      }
      return 0;
    }
  }

  /** Lifts an operator halt, recorded in the store and announced. */
  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description =
          "Lift an operator halt: grid setups may be recommended again. Recorded in the store and"
              + " announced; when not halted, nothing is recorded.")
  static final class Resume implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--actor", required = true, description = "Who resumes.")
    String actor;

    @Option(names = "--reason", required = true, description = "Why, in your words.")
    String reason;

    @Option(names = "--store", description = "Store folder (default: ${DEFAULT-VALUE}).")
    Path store = Path.of("market-maker-data");

    @Override
    public Integer call() {
      Clock clock = Clock.systemUTC();
      PrintWriter out = spec.commandLine().getOut();
      try (Control control = Control.open(store, clock, System.getenv())) {
        MarketMaker mm = control.facade();
        Optional<ControlRecord> halt = mm.haltState();
        if (halt.isEmpty()) {
          out.println("not halted; nothing recorded");
          return 0;
        }
        ControlRecord r = mm.resume(actor, reason);
        out.printf(
            "recorded RESUME %s: trading resumed by %s: %s (halted since %s by %s)%n",
            r.id(), r.actor(), r.reason(), halt.get().at(), halt.get().actor());
        new OperationalAlerts(control.notifier(), clock).control(r);
      }
      return 0;
    }
  }
}
