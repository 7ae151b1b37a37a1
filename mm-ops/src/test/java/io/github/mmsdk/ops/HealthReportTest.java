package io.github.mmsdk.ops;

import static io.github.mmsdk.ops.OpsFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.health.HealthStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthReportTest {

  private static Health tree(HealthStatus exchange) {
    return Health.aggregate(
        "market-maker",
        List.of(
            new Health.Builder()
                .component("exchange:kucoin")
                .status(exchange)
                .putDetail("circuit", exchange == HealthStatus.UP ? "CLOSED" : "OPEN")
                .lastSuccess(T0.minusSeconds(90))
                .build(),
            new Health.Builder()
                .component("store:git")
                .status(HealthStatus.UP)
                .putDetail("unpushed_commits", "0")
                .build()));
  }

  @Test
  void exitCodesAreDocumented() {
    assertThat(HealthReport.exitCode(HealthStatus.UP)).isZero();
    assertThat(HealthReport.exitCode(HealthStatus.DEGRADED)).isEqualTo(1);
    assertThat(HealthReport.exitCode(HealthStatus.DOWN)).isEqualTo(2);
    for (HealthStatus s : HealthStatus.values()) {
      HealthReport r = HealthReport.of(tree(s), T0);
      assertThat(r.status()).isEqualTo(s);
      assertThat(r.exitCode()).isEqualTo(HealthReport.exitCode(s));
    }
  }

  @Test
  void anOperatorHaltIsShownButDoesNotChangeTheStatusOrExitCode() {
    ControlRecord halt =
        new ControlRecord.Builder()
            .id("halt-1")
            .kind(ControlRecord.Kind.HALT)
            .at(T0.minusSeconds(3600))
            .actor("alice")
            .reason("exchange \"maintenance\"")
            .build();
    HealthReport r = HealthReport.of(tree(HealthStatus.UP), T0, Optional.of(halt));
    assertThat(r.halt()).contains(halt);
    assertThat(r.exitCode()).isZero();
    assertThat(r.toText())
        .contains("trading HALTED since " + halt.at() + " by alice: exchange \"maintenance\"");
    assertThat(r.toJson())
        .contains(
            "\"halt\":{\"since\":\""
                + halt.at()
                + "\",\"actor\":\"alice\",\"reason\":\"exchange \\\"maintenance\\\"\"}")
        .contains("\"exit_code\":0");
    assertThat(r.toString()).contains("halted");
    ControlRecord resume =
        new ControlRecord.Builder()
            .from(halt)
            .id("resume-1")
            .kind(ControlRecord.Kind.RESUME)
            .build();
    HealthReport running = HealthReport.of(tree(HealthStatus.DEGRADED), T0, Optional.of(resume));
    assertThat(running.halt()).isEmpty();
    assertThat(running.toJson()).doesNotContain("\"halt\"");
    assertThat(running.toText()).doesNotContain("HALTED");
    assertThat(running.exitCode()).isEqualTo(1);
  }

  @Test
  void theStatusIsTheWorstAnywhereInTheTree() {
    Health lying =
        new Health.Builder()
            .component("market-maker")
            .status(HealthStatus.UP)
            .addComponent(
                Health.aggregate("notifier", List.of(Health.down("notifier:pushover", "closed"))))
            .build();
    HealthReport r = HealthReport.of(lying, T0);
    assertThat(r.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.health()).isEqualTo(lying);
    assertThat(r.checkedAt()).isEqualTo(T0);
    assertThat(r.toString()).contains("DOWN");
  }

  @Test
  void rendersPlainText() {
    String text = HealthReport.of(tree(HealthStatus.DEGRADED), T0).toText();
    assertThat(text)
        .startsWith("health DEGRADED (exit code 1) checked at 2026-11-02T00:00:00Z\n")
        .contains("  market-maker DEGRADED\n")
        .contains("    exchange:kucoin DEGRADED circuit=OPEN last_success=2026-11-01T23:58:30Z\n")
        .contains("    store:git UP unpushed_commits=0\n");
  }

  @Test
  void rendersJson() {
    String json = HealthReport.of(tree(HealthStatus.UP), T0).toJson();
    assertThat(json)
        .isEqualTo(
            "{\"status\":\"UP\",\"exit_code\":0,\"checked_at\":\"2026-11-02T00:00:00Z\","
                + "\"health\":{\"component\":\"market-maker\",\"status\":\"UP\",\"details\":{},"
                + "\"components\":["
                + "{\"component\":\"exchange:kucoin\",\"status\":\"UP\","
                + "\"details\":{\"circuit\":\"CLOSED\"},"
                + "\"last_success\":\"2026-11-01T23:58:30Z\",\"components\":[]},"
                + "{\"component\":\"store:git\",\"status\":\"UP\","
                + "\"details\":{\"unpushed_commits\":\"0\"},\"components\":[]}]}}");
  }

  @Test
  void jsonStringsAreEscapedAndRoundTrip() {
    qt().withFixedSeed(20261123L)
        .withExamples(300)
        .forAll(strings().allPossible().ofLengthBetween(0, 30))
        .checkAssert(
            s -> {
              StringBuilder sb = new StringBuilder();
              HealthReport.string(s, sb);
              String lit = sb.toString();
              assertThat(lit).startsWith("\"").endsWith("\"");
              for (char c : lit.toCharArray()) {
                assertThat(c >= 0x20).as("no raw control character").isTrue();
              }
              assertThat(unescape(lit.substring(1, lit.length() - 1))).isEqualTo(s);
            });
  }

  /** A minimal JSON string decoder for the round trip. */
  private static String unescape(String body) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\') {
        assertThat(c).as("unescaped quote").isNotEqualTo('"');
        out.append(c);
        continue;
      }
      char e = body.charAt(++i);
      switch (e) {
        case 'n':
          out.append('\n');
          break;
        case 'r':
          out.append('\r');
          break;
        case 't':
          out.append('\t');
          break;
        case 'u':
          out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
          i += 4;
          break;
        default:
          out.append(e);
      }
    }
    return out.toString();
  }
}
