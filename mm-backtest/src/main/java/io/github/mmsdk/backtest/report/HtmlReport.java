package io.github.mmsdk.backtest.report;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.api.store.DecisionStore;
import io.github.mmsdk.api.store.MetricsSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backtest (or live) report as one self-contained, static HTML file: price with grid bounds and
 * colored exit-state bands, the regime verdict and its confidence, the six metrics with their
 * votes, the risk-changing recommendations with their 24 h / 72 h / 7 d grades, the exit
 * escalations with what the price did next, and a KPI table.
 *
 * <p>The page needs no server and makes no request: the chart library (uPlot, from the {@code
 * org.webjars.npm:uplot} jar) and the data (JSON in a {@code <script>} element) are inlined. The
 * same inputs give a byte-identical page. Series longer than {@link Builder#maxPointsPerSeries} are
 * aggregated (price: last close, highest high, lowest low; verdicts and exit states: the most
 * severe of each bucket) so the file stays small.
 *
 * <pre>{@code
 * Path page = HtmlReport.builder()
 *     .candles(eth1h)
 *     .records(backtest.store(), backtest.from(), backtest.to())
 *     .kpis(rows)
 *     .build()
 *     .write(Path.of("target", "report.html"));
 * }</pre>
 *
 * <p>The page records how its scripts went, for automated checks: {@code data-charts} on the body
 * is the number of charts drawn, {@code data-errors} the script errors (empty when none), {@code
 * data-blank-canvases} the number of charts whose data line is missing from the canvas, and {@code
 * data-status} becomes {@code rendered} when the checks ran.
 */
public final class HtmlReport {

  private static final Logger LOG = LoggerFactory.getLogger(HtmlReport.class);

  private final ReportModel model;

  private HtmlReport(ReportModel model) {
    this.model = model;
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the page, as HTML text} */
  public String render() {
    return ReportPage.render(model);
  }

  /**
   * Writes the page, creating missing parent directories.
   *
   * @param file the file to write (replaced when it exists)
   * @return {@code file}
   * @throws ReportWriteException when the file cannot be written
   */
  public Path write(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] bytes = render().getBytes(StandardCharsets.UTF_8);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new ReportWriteException(file, e);
    }
    LOG.info(
        "report written file={} bytes={} symbol={} decisions={}",
        file,
        bytes.length,
        model.symbol,
        model.decisionCount);
    return file;
  }

  /** Builds an {@link HtmlReport}; the candles and the store are required. */
  public static final class Builder {
    private CandleSeries candles;
    private DecisionStore store;
    private Instant from;
    private Instant to;
    private String title;
    private final List<KpiRow> kpis = new ArrayList<>();
    private int maxPoints = 20_000;

    private Builder() {}

    /**
     * Sets the 1h candles of the pair (required); they also give the symbol whose records are read.
     *
     * @param candles the candles
     * @return this builder
     */
    public Builder candles(CandleSeries candles) {
      this.candles = Objects.requireNonNull(candles, "candles");
      return this;
    }

    /**
     * Sets where the records come from (required) and the range shown, both ends inclusive, as a
     * {@link io.github.mmsdk.backtest.Backtest}'s first and last decision times.
     *
     * @param store the store: snapshots, decisions with their evaluations, grids
     * @param from the first time shown
     * @param to the last time shown
     * @return this builder
     */
    public Builder records(DecisionStore store, Instant from, Instant to) {
      this.store = Objects.requireNonNull(store, "store");
      this.from = Objects.requireNonNull(from, "from");
      this.to = Objects.requireNonNull(to, "to");
      return this;
    }

    /**
     * Sets the page title: "{@code <symbol>} backtest report" by default.
     *
     * @param title the title
     * @return this builder
     */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /**
     * Adds rows to the KPI table, in order.
     *
     * @param rows the rows
     * @return this builder
     */
    public Builder kpis(List<KpiRow> rows) {
      for (KpiRow r : rows) {
        kpis.add(Objects.requireNonNull(r, "kpi row"));
      }
      return this;
    }

    /**
     * Adds one row to the KPI table.
     *
     * @param row the row
     * @return this builder
     */
    public Builder addKpi(KpiRow row) {
      kpis.add(Objects.requireNonNull(row, "kpi row"));
      return this;
    }

    /**
     * Sets how many points a chart series may have before it is aggregated: 20 000 by default.
     *
     * @param maxPoints at least 100
     * @return this builder
     */
    public Builder maxPointsPerSeries(int maxPoints) {
      this.maxPoints = maxPoints;
      return this;
    }

    /**
     * Reads the records and checks the inputs.
     *
     * @return the report
     * @throws InvalidConfigurationException when an input is missing or inconsistent
     */
    public HtmlReport build() {
      if (candles == null || store == null) {
        throw new InvalidConfigurationException("report", "candles and records are required");
      }
      if (candles.timeframe() != Timeframe.H1) {
        throw new InvalidConfigurationException(
            "report.candles", "1h candles are required, got " + candles.timeframe().label());
      }
      if (candles.isEmpty()) {
        throw new InvalidConfigurationException("report.candles", "is empty");
      }
      if (!to.isAfter(from)) {
        throw new InvalidConfigurationException("report.to", "must be after from");
      }
      if (maxPoints < 100) {
        throw new InvalidConfigurationException(
            "report.max_points_per_series", "must be at least 100, was " + maxPoints);
      }
      if (title != null && title.isBlank()) {
        throw new InvalidConfigurationException("report.title", "must not be blank");
      }
      Instant end = to.plusNanos(1);
      List<MetricsSnapshot> snapshots = store.snapshots(candles.symbol(), from, end);
      List<DecisionRecord> decisions = store.decisions(candles.symbol(), from, end);
      List<GridConfig> grids = store.grids();
      ReportModel model =
          new ReportModel(
              title != null ? title : candles.symbol() + " backtest report",
              candles,
              from,
              to,
              snapshots,
              decisions,
              grids,
              kpis,
              maxPoints);
      if (model.candlesInRange == 0) {
        throw new InvalidConfigurationException(
            "report.from", "no candle of " + candles + " closes between " + from + " and " + to);
      }
      return new HtmlReport(model);
    }
  }
}
