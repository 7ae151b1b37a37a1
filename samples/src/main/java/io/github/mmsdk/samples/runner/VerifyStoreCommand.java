package io.github.mmsdk.samples.runner;

import io.github.mmsdk.store.git.GitDecisionStore;
import io.github.mmsdk.store.git.TamperFinding;
import io.github.mmsdk.store.git.VerificationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Walks a store's whole history for rewritten or deleted records, unreadable records and lost
 * commits.
 *
 * <p>Exit codes: 0 intact, 1 findings, 2 bad arguments or no store.
 */
@Command(
    name = "verify-store",
    mixinStandardHelpOptions = true,
    description = {
      "Walk the store's whole Git history and report every commit that rewrote or deleted a"
          + " record, every unreadable record and a branch that lost commits.",
      "Exit code: 0 intact, 1 findings, 2 bad arguments or no store."
    })
final class VerifyStoreCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--store", description = "Store folder (default: ${DEFAULT-VALUE}).")
  Path store = Path.of("market-maker-data");

  @Override
  public Integer call() {
    VerificationReport r;
    try (GitDecisionStore s = Runner.existingStore(spec, store)) {
      r = s.verify();
    }
    PrintWriter out = spec.commandLine().getOut();
    for (TamperFinding f : r.findings()) {
      out.printf(
          "%-16s %s %s%s%n",
          f.kind(), abbreviate(f.commit()), f.path().isEmpty() ? "" : f.path() + ": ", f.detail());
    }
    out.printf(
        "%s: %d commits checked up to %s, %s%n",
        store.toAbsolutePath().normalize(),
        r.commitsChecked(),
        r.head().map(VerifyStoreCommand::abbreviate).orElse("(empty)"),
        r.intact() ? "intact" : r.findings().size() + " finding(s)");
    return r.intact() ? 0 : 1;
  }

  private static String abbreviate(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }
}
