package io.github.mmsdk.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.grid.GridHistoryEntry;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.backtest.Backtest;
import io.github.mmsdk.testkit.store.InMemoryDecisionStore;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  private static CandleSeries candles;
  private static Backtest backtest;
  private static String page;

  @BeforeAll
  static void runOnce() {
    candles = ReportFixtures.synthetic();
    backtest = ReportFixtures.syntheticRun(candles);
    page = report(backtest).build().render();
  }

  private static HtmlReport.Builder report(Backtest bt) {
    return HtmlReport.builder()
        .candles(candles)
        .records(bt.store(), bt.from(), bt.to())
        .addKpi(
            new KpiRow.Builder()
                .name("Early action window")
                .value(62.5)
                .unit("%")
                .decimals(1)
                .goal("≥ 70 %")
                .met(false)
                .note("16 breakouts")
                .build());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  /** The JSON array that follows {@code "name":} in the embedded data. */
  private static String array(String html, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":(\\[[^\\]]*\\])").matcher(data(html));
    assertThat(m.find()).as(name + " in the data").isTrue();
    return m.group(1);
  }

  private static String data(String html) {
    int a = html.indexOf("<script id=\"mm-data\" type=\"application/json\">");
    assertThat(a).isPositive();
    int b = html.indexOf("</script>", a);
    return html.substring(a, b);
  }

  private static int length(String jsonArray) {
    return jsonArray.equals("[]") ? 0 : count(jsonArray, ",") + 1;
  }

  @Test
  void theBacktestBehindTheseTestsHasVerdictsExitsAndGrades() {
    List<DecisionRecord> ds =
        backtest.store().decisions(candles.symbol(), backtest.from(), backtest.to());
    assertThat(ds).hasSizeGreaterThan(900);
    assertThat(backtest.store().grids()).isNotEmpty();
    assertThat(ds.stream().flatMap(d -> d.exits().stream()).map(e -> e.state()))
        .anyMatch(s -> s != ExitState.NORMAL);
    assertThat(ds.stream().flatMap(d -> d.evaluations().stream())).isNotEmpty();
  }

  @Test
  void isOneSelfContainedPageThatRequestsNothing() {
    assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    // uPlot and its style are inlined from the webjar
    assertThat(page).contains(Assets.UPLOT_JS).contains(Assets.UPLOT_CSS);
    assertThat(page).contains("var uPlot=function");
    // no element loads anything: no src or href at all, no link, no import, no fetch
    assertThat(page).doesNotContainPattern("(?i)\\s(src|href)\\s*=");
    assertThat(page).doesNotContainPattern("(?i)<link\\b|<iframe\\b|<img\\b|@import|url\\(");
    assertThat(page).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//");
    assertThat(page).doesNotContain("fetch(").doesNotContain("XMLHttpRequest");
    // four script elements: error capture, data, uPlot, the page's own
    assertThat(count(page, "<script")).isEqualTo(4);
    assertThat(count(page, "</script>")).isEqualTo(4);
    assertThat(page).contains("data-charts=\"0\"").contains("data-status=\"loading\"");
  }

  @Test
  void embedsTheDataOfEveryChart() {
    String d = data(page);
    assertThat(d).contains("{\"symbol\":\"SYN-USDT\"");
    int prices = length(array(page, "t"));
    // every candle closing in the range, once
    long hours = Duration.between(backtest.from(), backtest.to()).toHours() + 1;
    assertThat(prices).isEqualTo((int) hours);
    Matcher timeline = Pattern.compile("\"timeline\":\\{\"t\":(\\[[^\\]]*\\])").matcher(d);
    assertThat(timeline.find()).isTrue();
    assertThat(length(timeline.group(1))).isEqualTo((int) hours);
    assertThat(length(array(page, "confidence"))).isEqualTo((int) hours);
    assertThat(d).contains("\"verdicts\":[\"RANGE_OK\",\"RANGE_WEAK\",\"TRANSITION\",\"TREND\"]");
    assertThat(array(page, "gridLower")).matches(".*\\d.*");
    assertThat(d).contains("\"exitBands\":[[").contains("\"verdictBands\":[[");
    assertThat(d).contains("\"markers\":[[");
    for (String id :
        List.of(
            "chart-price",
            "chart-regime",
            "chart-metric-adx",
            "chart-metric-efficiency_ratio",
            "chart-metric-autocorrelation",
            "chart-metric-ou_half_life",
            "chart-metric-normalized_slope",
            "chart-metric-bollinger_bandwidth")) {
      assertThat(page).contains("id=\"" + id + "\"");
    }
  }

  @Test
  void tablesShowRecommendationsGradesEscalationsGridsAndKpis() {
    assertThat(page).contains("<section id=\"recommendations\">");
    assertThat(page).contains("CREATE_GRID").contains("✓ right");
    assertThat(page).contains("<section id=\"warnings\">").contains("→ <b>WARNING</b>");
    assertThat(page).contains("<section id=\"grids\">").contains("started 2025-");
    assertThat(page).contains("<td>Early action window</td><td class=\"num\">62.5 %</td>");
    assertThat(page).contains("<span class=\"bad\">✗ missed</span>");
    String header = page.substring(page.indexOf("<header>"), page.indexOf("</header>"));
    assertThat(header)
        .contains("SYN-USDT")
        .contains(Html.time(backtest.from()))
        .contains(Html.time(backtest.to()));
  }

  @Test
  void theSameInputsGiveAByteIdenticalPage() {
    assertThat(report(backtest).build().render()).isEqualTo(page);
    Backtest again = ReportFixtures.syntheticRun(candles);
    assertThat(report(again).build().render()).isEqualTo(page);
  }

  @Test
  void escapesTextInTheTablesAndTheData() {
    String evil = "</script><script>alert(1)</script> & \"q\" 'x'";
    InMemoryDecisionStore store = new InMemoryDecisionStore();
    store.addGrid(
        new GridConfig.Builder()
            .id("g" + evil)
            .symbol(candles.symbol())
            .lowerPrice(new BigDecimal("1900"))
            .upperPrice(new BigDecimal("2100"))
            .levels(10)
            .amountPerGrid(BigDecimal.TEN)
            .profitPerGridPct(1)
            .allocation(BigDecimal.valueOf(100))
            .addHistory(
                GridHistoryEntry.of(
                    ReportFixtures.START.plus(Duration.ofDays(2)),
                    GridHistoryEntry.Event.ENABLED,
                    evil,
                    evil))
            .build());
    String html =
        HtmlReport.builder()
            .candles(candles)
            .records(store, ReportFixtures.START, ReportFixtures.START.plus(Duration.ofDays(5)))
            .title(evil)
            .addKpi(new KpiRow.Builder().name(evil).goal(evil).note(evil).build())
            .build()
            .render();
    assertThat(html).doesNotContain("<script>alert").doesNotContain("alert(1)</script>");
    assertThat(count(html, "</script>")).isEqualTo(4);
    assertThat(html).contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html).contains("&amp; &quot;q&quot; &#39;x&#39;");
    assertThat(html).contains("<td>g&lt;/script&gt;");
    // the grid's bounds reach the price chart while it runs
    assertThat(array(html, "gridLower")).contains("1900");
    // strings in the data can never close the element
    StringBuilder json = Json.string(new StringBuilder(), evil + "\u2028\n\t\\\u0001");
    assertThat(json.toString())
        .isEqualTo(
            "\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"
                + " \\u0026 \\\"q\\\" 'x'\\u2028\\n\\t\\\\\\u0001\"");
    assertThat(Assets.scriptSafe("a='</SCRIPT>';b='</script'"))
        .isEqualTo("a='<\\/SCRIPT>';b='<\\/script'");
  }

  @Test
  void aStoreWithoutSnapshotsIsReadFromItsDecisions() {
    DecisionStore store = backtest.store();
    DecisionStore noSnapshots =
        (DecisionStore)
            Proxy.newProxyInstance(
                DecisionStore.class.getClassLoader(),
                new Class<?>[] {DecisionStore.class},
                (proxy, method, args) ->
                    method.getName().equals("snapshots") ? List.of() : method.invoke(store, args));
    String html =
        HtmlReport.builder()
            .candles(candles)
            .records(noSnapshots, backtest.from(), backtest.to())
            .addKpi(
                new KpiRow.Builder()
                    .name("Early action window")
                    .value(62.5)
                    .unit("%")
                    .decimals(1)
                    .goal("≥ 70 %")
                    .met(false)
                    .note("16 breakouts")
                    .build())
            .build()
            .render();
    assertThat(html).contains(" 0 snapshots");
    assertThat(html.replace(" 0 snapshots", " " + snapshots() + " snapshots")).isEqualTo(page);
  }

  private static int snapshots() {
    return backtest
        .store()
        .snapshots(candles.symbol(), backtest.from(), backtest.to().plusSeconds(1))
        .size();
  }

  @Test
  void anEmptyStoreGivesAPageThatSaysSo() {
    String html =
        HtmlReport.builder()
            .candles(candles)
            .records(
                new InMemoryDecisionStore(),
                ReportFixtures.START,
                ReportFixtures.START.plus(Duration.ofDays(3)))
            .build()
            .render();
    assertThat(html)
        .contains("No regime records in the range.")
        .contains("No KPI rows were given.")
        .contains("No graded decision.")
        .contains("None in the range.")
        .contains("No exit state rose in the range.")
        .contains("No grid of this pair in the store.")
        .contains("<title>SYN-USDT backtest report</title>");
    assertThat(length(array(html, "t"))).isEqualTo(72);
  }

  @Test
  void longSeriesAreAggregatedToTheLimit() {
    String html = report(backtest).maxPointsPerSeries(100).build().render();
    long hours = Duration.between(backtest.from(), backtest.to()).toHours() + 1;
    int bucket = (int) ((hours + 99) / 100);
    assertThat(length(array(html, "t")))
        .isLessThanOrEqualTo(100)
        .isEqualTo((int) ((hours + bucket - 1) / bucket));
    assertThat(length(array(html, "confidence"))).isLessThanOrEqualTo(100);
    assertThat(html).contains("charts aggregate " + bucket + " points per drawn point");
    assertThat(html.length()).isLessThan(page.length());
    // the aggregated exit bands still show every state reached
    assertThat(data(html)).contains("\"exitBands\":[[");
  }

  @Test
  void writesTheFileAndReturnsItsPath(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("nested/deeper/report.html");
    HtmlReport r = report(backtest).build();
    assertThat(r.write(file)).isEqualTo(file);
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(page);
    Path blocker = dir.resolve("a-file");
    Files.writeString(blocker, "x");
    Path impossible = blocker.resolve("report.html");
    assertThatThrownBy(() -> r.write(impossible))
        .isInstanceOf(ReportWriteException.class)
        .isInstanceOf(io.github.mmsdk.api.MarketMakerException.class)
        .hasCauseInstanceOf(IOException.class)
        .satisfies(e -> assertThat(((ReportWriteException) e).file()).isEqualTo(impossible));
  }

  @Test
  void refusesMissingOrInconsistentInput() {
    DecisionStore store = new InMemoryDecisionStore();
    Instant a = ReportFixtures.START;
    Instant b = a.plus(Duration.ofDays(3));
    assertThatThrownBy(() -> HtmlReport.builder().candles(candles).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> HtmlReport.builder().records(store, a, b).build())
        .isInstanceOf(InvalidConfigurationException.class);
    CandleSeries h4 = CandleSeries.empty(candles.symbol(), Timeframe.H4);
    assertThatThrownBy(() -> HtmlReport.builder().candles(h4).records(store, a, b).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("1h");
    CandleSeries empty = CandleSeries.empty(candles.symbol(), Timeframe.H1);
    assertThatThrownBy(() -> HtmlReport.builder().candles(empty).records(store, a, b).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> HtmlReport.builder().candles(candles).records(store, b, a).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () ->
                HtmlReport.builder()
                    .candles(candles)
                    .records(store, a, b)
                    .maxPointsPerSeries(10)
                    .build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () -> HtmlReport.builder().candles(candles).records(store, a, b).title(" ").build())
        .isInstanceOf(InvalidConfigurationException.class);
    Instant later = Instant.parse("2030-01-01T00:00:00Z");
    assertThatThrownBy(
            () ->
                HtmlReport.builder()
                    .candles(candles)
                    .records(store, later, later.plusSeconds(3600))
                    .build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("no candle");
    assertThatThrownBy(() -> new KpiRow.Builder().name(" ").build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new KpiRow.Builder().name("x").value(Double.NaN).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> new KpiRow.Builder().name("x").decimals(11).build())
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void kpiRowsKeepTheirOrderAndSayWhatIsMissing() {
    String html =
        report(backtest)
            .kpis(
                List.of(
                    new KpiRow.Builder()
                        .name("Median time to detect")
                        .value(5)
                        .unit("h")
                        .decimals(0)
                        .goal("≤ 6 h")
                        .met(true)
                        .build(),
                    new KpiRow.Builder().name("Not computed").build()))
            .build()
            .render();
    int early = html.indexOf("<td>Early action window</td>");
    int detect = html.indexOf("<td>Median time to detect</td><td class=\"num\">5 h</td>");
    int missing = html.indexOf("<td>Not computed</td><td class=\"num\">–</td>");
    assertThat(early).isPositive().isLessThan(detect);
    assertThat(detect).isLessThan(missing);
    assertThat(html).contains("<span class=\"good\">✓ met</span>");
    KpiRow row = new KpiRow.Builder().name("x").build();
    assertThat(row.unit()).isEmpty();
    assertThat(row.goal()).isEmpty();
    assertThat(row.note()).isEmpty();
    assertThat(row.met()).isEmpty();
    assertThat(row.value()).isEmpty();
    assertThat(row.decimals()).isEqualTo(2);
  }

  @Test
  void numbersAndTimesAreWrittenTheSameEverywhere() {
    assertThat(Json.number(new StringBuilder(), Double.NaN).toString()).isEqualTo("null");
    assertThat(Json.number(new StringBuilder(), 1735689600).toString()).isEqualTo("1735689600");
    assertThat(Json.number(new StringBuilder(), 2345.678912345).toString()).isEqualTo("2345.679");
    assertThat(Json.number(new StringBuilder(), -0.000123456789).toString())
        .isEqualTo("-0.0001234568");
    assertThat(Html.price(2345.678)).isEqualTo("2,345.68");
    assertThat(Html.price(0.000123456789)).isEqualTo("0.000123457");
    assertThat(Html.price(Double.NaN)).isEqualTo("–");
    assertThat(Html.fixed(Double.POSITIVE_INFINITY, 2)).isEqualTo("–");
    assertThat(Html.signedPercent(0.05)).isEqualTo("+5.0 %");
    assertThat(Html.signedPercent(Double.NaN)).isEqualTo("–");
    assertThat(Html.percent(Double.NaN)).isEqualTo("–");
    assertThat(Html.time(Instant.parse("2025-03-01T14:00:00Z"))).isEqualTo("2025-03-01 14:00");
  }
}
