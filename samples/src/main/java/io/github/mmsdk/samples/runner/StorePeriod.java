package io.github.mmsdk.samples.runner;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.store.git.GitDecisionStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of the commands that read a store's records over a period ({@code replay}, {@code
 * kpis}, {@code report}): {@code --store}, {@code --symbol}, {@code --from} and {@code --to}, a
 * picocli mixin.
 */
final class StorePeriod {

  @Spec(Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec mixee;

  @Option(names = "--store", description = "Store folder (default: ${DEFAULT-VALUE}).")
  Path store = Path.of("market-maker-data");

  @Option(names = "--symbol", description = "Symbol (default: ${DEFAULT-VALUE}).")
  String symbol = "ETH-USDT";

  @Option(
      names = "--from",
      converter = InstantConverter.class,
      description = "Start, a UTC date or ISO-8601 instant (default: the first decision).")
  Instant from;

  /**
   * {@code --to}, or null when not given. Inclusive; a command whose {@code --to} ends the period
   * instead (kpis) says so in its resource bundle under the key {@code to}.
   */
  @Option(
      names = "--to",
      converter = InstantConverter.class,
      descriptionKey = "to",
      description = "Last time, inclusive (default: the last decision).")
  Instant to;

  /** {@return the start given, or the epoch} */
  Instant fromOrEpoch() {
    return from != null ? from : Instant.EPOCH;
  }

  /** {@return the pair of {@code --symbol}, or a usage error} */
  Symbol symbol() {
    return Runner.symbol(mixee, symbol);
  }

  /** {@return the store of {@code --store}, or a usage error when there is none} */
  GitDecisionStore open() {
    return Runner.existingStore(mixee, store);
  }

  /**
   * {@return the decisions of a pair recorded from {@code --from} up to {@code end} (exclusive)}
   *
   * @throws CommandLine.ParameterException when there are none (saying what was wanted them for)
   */
  List<DecisionRecord> decisions(GitDecisionStore s, Symbol sym, Instant end, String purpose) {
    List<DecisionRecord> decisions = s.decisions(sym, fromOrEpoch(), end);
    if (decisions.isEmpty()) {
      throw new CommandLine.ParameterException(
          mixee.commandLine(), "no decision of " + sym + " recorded in " + store + purpose);
    }
    return decisions;
  }
}
