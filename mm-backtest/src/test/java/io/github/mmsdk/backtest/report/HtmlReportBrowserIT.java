package io.github.mmsdk.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.backtest.Backtest;
import io.github.mmsdk.backtest.KpiCalculator;
import io.github.mmsdk.backtest.RegimeKpis;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the report of a real backtest (ETH-USDT 1h, four months, an operator following every
 * recommendation) in headless Chromium: the scripts must run without error, draw every chart and
 * leave no chart blank. Keeps {@code target/report-eth.html} and {@code
 * target/report-screenshot.png} as build artefacts.
 */
class HtmlReportBrowserIT {

  private static final Logger LOG = LoggerFactory.getLogger(HtmlReportBrowserIT.class);
  private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2025-04-30T23:00:00Z");
  private static final int CHARTS = 8;
  private static final Pattern BODY = Pattern.compile("<body\\b([^>]*)>");
  private static final Pattern ATTRIBUTE = Pattern.compile("data-([a-z-]+)=\"([^\"]*)\"");

  /** Chromium from {@code -Dmm.chromium}, {@code /usr/bin/chromium} or the PATH. */
  static Optional<Path> chromium() {
    String configured = System.getProperty("mm.chromium", "");
    if (!configured.isBlank()) {
      Path p = Path.of(configured);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of("/usr/bin/chromium"));
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        candidates.add(Path.of(dir, "chromium"));
        candidates.add(Path.of(dir, "chromium-browser"));
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  private static List<String> command(Path chromium, Path profile) {
    return new ArrayList<>(
        List.of(
            chromium.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--user-data-dir=" + profile,
            "--virtual-time-budget=10000"));
  }

  /** Runs Chromium to the end; its standard output goes to {@code out}. */
  private static void run(List<String> command, Path out, Path log)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(log.toFile())
            .start();
    p.getOutputStream().close();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("Chromium did not finish in 180 s: " + command);
    }
    assertThat(p.exitValue())
        .as("Chromium's exit code; its log:%n%s", Files.readString(log))
        .isZero();
  }

  private static List<KpiRow> kpis(CandleSeries candles, Backtest bt) {
    NavigableMap<Instant, RegimeVerdict> verdicts =
        KpiCalculator.verdicts(bt.store().decisions(candles.symbol(), FROM, TO.plusSeconds(1)));
    RegimeKpis k = KpiCalculator.regimeKpis(candles, verdicts, FROM.plus(Duration.ofDays(3)), TO);
    List<KpiRow> rows = new ArrayList<>();
    rows.add(
        new KpiRow.Builder()
            .name("EAW: breakouts warned ≥ 2 h ahead")
            .value(k.warningRate() * 100)
            .unit("%")
            .decimals(0)
            .goal("≥ 90 % of breakouts")
            .met(k.warningRate() >= 0.9)
            .note(k.warnedTwoHoursAhead() + " of " + k.breakouts() + " breakouts")
            .build());
    KpiRow.Builder window =
        new KpiRow.Builder().name("EAW: median warning window").unit("h").decimals(0);
    k.medianWarningWindow().ifPresent(d -> window.value(d.toHours()));
    rows.add(window.build());
    rows.add(
        new KpiRow.Builder()
            .name("TTDR: breakouts detected ≤ 48 h")
            .value(k.detectionRate() * 100)
            .unit("%")
            .decimals(0)
            .note(k.detected() + " of " + k.breakouts() + " breakouts")
            .build());
    KpiRow.Builder detect =
        new KpiRow.Builder().name("TTDR: median time to detect").unit("h").decimals(0);
    k.medianTimeToDetect().ifPresent(d -> detect.value(d.toHours()));
    rows.add(detect.build());
    rows.add(
        new KpiRow.Builder()
            .name("FER: false exit rate")
            .goal("< 20 %")
            .note("not computed by this test")
            .build());
    return rows;
  }

  @Test
  void theReportOfARealBacktestRendersEveryChartInHeadlessChromium(@TempDir Path tmp)
      throws IOException, InterruptedException {
    ReportFixtures.assumeData();
    Optional<Path> chromium = chromium();
    Assumptions.assumeTrue(
        chromium.isPresent(),
        "Chromium not installed; .ci/run installs it (or set -Dmm.chromium=/path/to/chromium)");

    CandleSeries eth = ReportFixtures.hourly("ETH-USDT");
    Backtest bt = ReportFixtures.run(eth, FROM, TO);
    Path page =
        HtmlReport.builder()
            .candles(eth)
            .records(bt.store(), FROM, TO)
            .title("ETH-USDT backtest, January to April 2025")
            .kpis(kpis(eth, bt))
            .build()
            .write(Path.of("target", "report-eth.html").toAbsolutePath());
    String html = Files.readString(page, StandardCharsets.UTF_8);
    // the test is only worth something if the run warned, exited and was graded
    assertThat(html).contains("→ <b>WARNING</b>").contains("STOP_GRID").contains("✓ right");
    long bytes = Files.size(page);
    LOG.info("report page={} bytes={}", page, bytes);
    assertThat(bytes).isLessThan(3_000_000);

    // 1: the DOM after the scripts ran
    Path dom = tmp.resolve("dom.html");
    List<String> dump = command(chromium.get(), tmp.resolve("profile-dom"));
    dump.add("--dump-dom");
    dump.add(page.toUri().toString());
    run(dump, dom, tmp.resolve("chromium-dom.log"));
    String after = Files.readString(dom, StandardCharsets.UTF_8);
    Matcher body = BODY.matcher(after);
    assertThat(body.find()).as("a <body> in the dumped DOM").isTrue();
    Map<String, String> status = new TreeMap<>();
    Matcher a = ATTRIBUTE.matcher(body.group(1));
    while (a.find()) {
      status.put(a.group(1), a.group(2));
    }
    LOG.info("rendered status={}", status);
    assertThat(status)
        .containsEntry("status", "rendered")
        .containsEntry("errors", "")
        .containsEntry("charts", String.valueOf(CHARTS))
        .containsEntry("blank-canvases", "0");
    assertThat(after).contains("class=\"uplot");

    // 2: a screenshot, kept as a build artefact
    Path png = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(png);
    List<String> shot = command(chromium.get(), tmp.resolve("profile-shot"));
    shot.add("--screenshot=" + png);
    shot.add("--window-size=1400,2400");
    shot.add(page.toUri().toString());
    run(shot, tmp.resolve("shot.out"), tmp.resolve("chromium-shot.log"));
    assertThat(png).exists();
    byte[] head = Files.readAllBytes(png);
    assertThat(head).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    // a blank 1400 x 2400 page compresses to a few kilobytes; charts and tables do not
    assertThat(head.length).isGreaterThan(100_000);
  }
}
