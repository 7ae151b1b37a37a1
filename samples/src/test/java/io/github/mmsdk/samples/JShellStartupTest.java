package io.github.mmsdk.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.samples.demo.DemoMarket;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs samples/jshell/startup.jsh and the README's three lines through the JShell API. */
class JShellStartupTest {

  @Test
  void three_lines_give_a_regime_verdict_from_a_csv(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("ETH-USDT_1h_demo.csv");
    var series =
        DemoMarket.generate(
            Symbol.parse("ETH-USDT"), Timeframe.H1, Instant.parse("2024-01-01T00:00:00Z"), 800, 5);
    try (BufferedWriter w = Files.newBufferedWriter(csv)) {
      w.write("open_time_ms,open,high,low,close,volume\n");
      for (int i = 0; i < series.size(); i++) {
        w.write(
            series.openTimeMillis(i)
                + ","
                + series.open(i)
                + ","
                + series.high(i)
                + ","
                + series.low(i)
                + ","
                + series.close(i)
                + ","
                + series.volume(i)
                + "\n");
      }
    }
    try (JShell shell = JShell.builder().executionEngine("local").build()) {
      shell.addToClasspath(System.getProperty("java.class.path"));
      evalAll(shell, Files.readString(Path.of("jshell/startup.jsh")));
      // the README's three lines, completed as interactive JShell completes them
      evalAll(shell, "var eth = candles(\"" + csv.toString().replace("\\", "\\\\") + "\")");
      evalAll(shell, "var state = regime(eth)");
      String out = evalAll(shell, "state.verdict() + \" \" + state.confidence()");
      assertThat(out).matches("\"(RANGE_OK|RANGE_WEAK|TRANSITION|TREND) 0\\.\\d+\"");
    }
  }

  private static String evalAll(JShell shell, String source) {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    String rest = source;
    String value = null;
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      if (info.source() == null || info.source().isBlank()) {
        break;
      }
      value = eval(shell, info.source());
      rest = info.remaining();
    }
    return value;
  }

  private static String eval(JShell shell, String snippet) {
    List<SnippetEvent> events = shell.eval(snippet);
    String value = null;
    for (SnippetEvent e : events) {
      assertThat(e.exception()).as("exception in: " + snippet).isNull();
      assertThat(e.status())
          .as(
              "status of: "
                  + snippet
                  + " "
                  + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList())
          .isIn(Snippet.Status.VALID, Snippet.Status.OVERWRITTEN);
      value = e.value();
    }
    return value;
  }
}
