package io.github.mmsdk.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A measured run (issue 19): three years of 1m candles (1.58 M) backtested by {@link Backtest} in a
 * JVM limited to {@code -Xmx128m}, hourly decisions through the facade with the SDK's engines, an
 * operator following the recommendations with grids on the simulated exchange (filled on the 1m
 * path), and the records in a {@link WindowedDecisionStore} whose retired cycles a sink counts. A
 * shorter run checks that the windowed store records exactly what the plain one does. Writes
 * target/performance-backtest-1m.md.
 */
class MinuteMemoryIT {

  private static final int DAYS = 1096;

  @Test
  void theWindowedStoreDecidesExactlyAsThePlainOneOnMinuteCandles() throws IOException {
    // long enough for decisions to leave the window (8 days) after all their horizons (7 days)
    Map<String, Object> windowed = MinuteBacktestMain.run(80, true, true, true);
    Map<String, Object> plain = MinuteBacktestMain.run(80, false, true, true);
    assertThat((Long) windowed.get("decisions_retired")).isEqualTo(windowed.get("cycles"));
    assertThat(windowed.get("decision_digest")).isEqualTo(plain.get("decision_digest"));
    assertThat(windowed.get("evaluations")).isEqualTo(plain.get("evaluations"));
    assertThat(windowed.get("grids_started")).isEqualTo(plain.get("grids_started"));
    assertThat(windowed.get("grid_fills")).isEqualTo(plain.get("grid_fills"));
    assertThat((Long) windowed.get("evaluations")).isPositive();
  }

  @Test
  void threeYearsOfMinuteCandlesRunIn128MegabytesOfHeap() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(javaBin);
    command.add("-Xmx128m");
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-cp");
    command.add(classpath.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator));
    command.add(MinuteBacktestMain.class.getName());
    command.add(Integer.toString(DAYS));
    command.add("windowed");
    command.add("execute");
    command.add("count");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    boolean done = p.waitFor(20, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    double wall = (System.nanoTime() - start) / 1e9;
    assertThat(done).as("finished within 20 minutes").isTrue();
    assertThat(p.exitValue()).as("exit code; stderr:%n%s", tail(err.get())).isZero();
    Map<String, String> result = parse(out);
    assertThat(Long.parseLong(result.get("candles_1m"))).isEqualTo(DAYS * 1440L);
    assertThat(Long.parseLong(result.get("cycles"))).isGreaterThan(24_000);
    assertThat(Long.parseLong(result.get("decisions_retired")))
        .isEqualTo(Long.parseLong(result.get("cycles")));
    assertThat(Long.parseLong(result.get("evaluations_retired")))
        .isEqualTo(Long.parseLong(result.get("evaluations")));
    assertThat(Long.parseLong(result.get("grid_fills"))).isPositive();
    assertThat(Double.parseDouble(result.get("max_heap_mb"))).isLessThanOrEqualTo(128);

    StringBuilder md = new StringBuilder();
    md.append("# Backtest of 1m candles in -Xmx128m (measured run, MinuteMemoryIT)\n\n")
        .append("Child JVM: `java -Xmx128m -XX:+ExitOnOutOfMemoryError ")
        .append(MinuteBacktestMain.class.getSimpleName())
        .append(' ')
        .append(DAYS)
        .append(" windowed execute count`, java ")
        .append(System.getProperty("java.version"))
        .append(", wall time with JVM start ")
        .append(String.format(Locale.ROOT, "%.1f", wall))
        .append(" s.\n\n| measure | value |\n|---|---|\n");
    result.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    Path file = Path.of("target", "performance-backtest-1m.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, md.toString());
  }

  private static Map<String, String> parse(String out) {
    Map<String, String> m = new LinkedHashMap<>();
    out.lines()
        .filter(l -> l.startsWith("RESULT "))
        .findFirst()
        .ifPresent(
            l -> {
              for (String kv : l.substring(7).split(" ")) {
                int eq = kv.indexOf('=');
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
              }
            });
    assertThat(m).as("RESULT line in:%n%s", out).isNotEmpty();
    return m;
  }

  private static String read(InputStream in) {
    try (in) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(String s) {
    return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
  }
}
