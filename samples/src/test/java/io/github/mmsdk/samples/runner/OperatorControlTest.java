package io.github.mmsdk.samples.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.cycle.CycleConfig;
import io.github.mmsdk.api.cycle.CycleListener;
import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.samples.runner.OperationsCommands.Service;
import io.github.mmsdk.samples.runner.OperationsCommands.Wiring;
import io.github.mmsdk.store.git.GitDecisionStore;
import io.github.mmsdk.testkit.TestClock;
import io.github.mmsdk.testkit.notify.RecordingNotifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The runner's {@code halt}, {@code resume}, the halt in {@code health}, and {@code run}'s start.
 */
class OperatorControlTest {

  private static final Symbol ETH = Symbol.parse("ETH-USDT");
  private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

  /** Runs one command in-process; returns its exit code and what it printed. */
  private record Ran(int code, String out) {}

  private static Ran command(Callable<Integer> command, String... args) {
    StringWriter out = new StringWriter();
    int code =
        new CommandLine(command)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(new StringWriter(), true))
            .execute(args);
    return new Ran(code, out.toString());
  }

  private static Ran runner(String... args) {
    PrintStream previous = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int code = Runner.execute(args);
      return new Ran(code, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(previous);
    }
  }

  private static List<ControlRecord> controls(Path store) {
    try (GitDecisionStore s = GitDecisionStore.open(store)) {
      return s.controls(Instant.EPOCH, FAR);
    }
  }

  @Test
  void haltAndResumeAreRecordedInTheStoreShownByHealthAndIdempotent(@TempDir Path store) {
    String dir = store.toString();
    Ran halt =
        command(
            new OperatorCommands.Halt(),
            "--actor",
            "alice",
            "--reason",
            "exchange maintenance",
            "--store",
            dir);
    assertThat(halt.code()).isZero();
    assertThat(halt.out())
        .contains("recorded HALT halt-")
        .contains("trading HALTED since")
        .contains("by alice: exchange maintenance")
        .contains("mm-runner resume");

    Ran health = runner("health", "--exchange", "demo", "--store", dir);
    assertThat(health.out()).contains("trading HALTED since").contains("by alice");
    Ran json = runner("health", "--json", "--exchange", "demo", "--store", dir);
    assertThat(json.out()).contains("\"halt\":{\"since\":").contains("\"actor\":\"alice\"");
    assertThat(json.code()).as("a halt is shown, not graded").isEqualTo(health.code());

    Ran again =
        command(new OperatorCommands.Halt(), "--actor", "bob", "--reason", "x", "--store", dir);
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("already halted; nothing recorded").contains("alice");

    Ran resume =
        command(
            new OperatorCommands.Resume(),
            "--actor",
            "bob",
            "--reason",
            "all clear",
            "--store",
            dir);
    assertThat(resume.code()).isZero();
    assertThat(resume.out())
        .contains("recorded RESUME resume-")
        .contains("trading resumed by bob: all clear")
        .contains("by alice");
    assertThat(runner("health", "--exchange", "demo", "--store", dir).out())
        .doesNotContain("HALTED");

    Ran idle =
        command(new OperatorCommands.Resume(), "--actor", "bob", "--reason", "x", "--store", dir);
    assertThat(idle.out()).contains("not halted; nothing recorded");

    assertThat(controls(store))
        .extracting(ControlRecord::kind, ControlRecord::actor, ControlRecord::reason)
        .containsExactly(
            tuple(ControlRecord.Kind.HALT, "alice", "exchange maintenance"),
            tuple(ControlRecord.Kind.RESUME, "bob", "all clear"));
  }

  @Test
  void haltAndResumeNeedAnActorAndAReason(@TempDir Path store) {
    assertThat(
            command(new OperatorCommands.Halt(), "--actor", "alice", "--store", store.toString())
                .code())
        .isEqualTo(2);
    assertThat(
            command(new OperatorCommands.Resume(), "--reason", "x", "--store", store.toString())
                .code())
        .isEqualTo(2);
    assertThat(controls(store)).isEmpty();
  }

  @Test
  void runReconcilesOnStartPrintsAndAnnouncesFindingsAndTheHaltThenRunsCycles(@TempDir Path store)
      throws Exception {
    Instant start = Instant.parse("2026-03-02T00:00:05Z");
    TestClock clock = TestClock.at(start);
    try (GitDecisionStore s = GitDecisionStore.builder(store).clock(clock).open()) {
      s.addGrid(
          new GridConfig.Builder()
              .id("eth-grid-1")
              .symbol(ETH)
              .lowerPrice(new BigDecimal("1800"))
              .upperPrice(new BigDecimal("2200"))
              .levels(20)
              .amountPerGrid(new BigDecimal("50"))
              .profitPerGridPct(1.0)
              .allocation(new BigDecimal("1000"))
              .build());
      s.appendGridHistory(
          "eth-grid-1",
          GridHistoryEntry.of(
              start.minus(Duration.ofDays(1)), GridHistoryEntry.Event.ENABLED, "alice", "range"));
    }
    command(
        new OperatorCommands.Halt(),
        "--actor",
        "alice",
        "--reason",
        "audit",
        "--store",
        store.toString());

    RecordingNotifier notes = new RecordingNotifier(clock);
    VirtualTime time = new VirtualTime(clock, 1, start.plus(Duration.ofMinutes(90)));
    Wiring wiring =
        new Wiring(
            store,
            List.of(ETH),
            CycleConfig.defaults(),
            clock,
            time,
            // the demo market replays candles but has no account: the running grid's allocation
            // cannot be compared with a balance, which the reconciliation records as a finding
            () -> OperationsCommands.exchange(OperationsCommands.Source.demo, Map.of(), clock),
            s -> notes,
            CycleListener.noop());
    StringWriter out = new StringWriter();
    Service service = Service.start(wiring, new PrintWriter(out, true));
    try {
      assertThat(time.awaitParked(60)).isTrue();
    } finally {
      service.close();
    }
    assertThat(service.findings).hasSize(1);
    assertThat(out.toString())
        .contains("reconciled: 1 finding(s), recorded in the store")
        .contains("finding: the exchange could not be compared with the store")
        .contains("trading HALTED since")
        .contains("by alice: audit")
        .contains("from slots {ETH-USDT=2026-03-02T00:00:00Z}");
    assertThat(notes.delivered())
        .filteredOn(n -> n.kind() == Notification.Kind.OPERATIONAL_ALERT)
        .extracting(n -> n.fields().get("alert"))
        .contains("RECONCILIATION", "OPERATOR_HALT");
    assertThat(controls(store))
        .extracting(ControlRecord::kind)
        .containsExactlyInAnyOrder(ControlRecord.Kind.HALT, ControlRecord.Kind.FINDING);
    try (GitDecisionStore s = GitDecisionStore.open(store)) {
      assertThat(s.decisions(ETH, Instant.EPOCH, FAR))
          .extracting(d -> d.metadata().observedAt())
          .containsExactly(start.minusSeconds(5), start.minusSeconds(5).plus(Duration.ofHours(1)));
    }
  }
}
