package io.github.mmsdk.store.git;

import io.github.mmsdk.api.Symbol;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** A writer process for {@link CrashSafetyIT}: commits cycles until it is killed. */
public final class CrashChild {
  private CrashChild() {}

  /**
   * Writes cycles and reports each completed one on stdout.
   *
   * @param args folder, trial number
   */
  public static void main(String[] args) {
    Path folder = Path.of(args[0]);
    int trial = Integer.parseInt(args[1]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Symbol symbol = Symbol.of("T" + trial, "USDT");
    try (GitDecisionStore store =
        GitDecisionStore.builder(folder).staleLockAfter(Duration.ZERO).open()) {
      out.println("READY");
      Instant start = Instant.parse("2026-01-01T00:00:00Z");
      for (int i = 0; i < 10_000; i++) {
        Instant t = start.plus(Duration.ofHours(i));
        String commit = store.commitCycle(Records.cycleAt(symbol, t));
        out.println("OK " + Records.idOf(symbol, t) + " " + commit);
      }
    }
  }
}
