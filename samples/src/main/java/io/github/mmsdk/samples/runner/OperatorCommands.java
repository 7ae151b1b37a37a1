package io.github.mmsdk.samples.runner;

import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.store.git.GitDecisionStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The operator's side of the loop: what was done with a recommendation, and manual grid changes.
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
}
