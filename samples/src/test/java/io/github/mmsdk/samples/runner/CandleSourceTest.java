package io.github.mmsdk.samples.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Timeframe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CandleSourceTest {

  @TempDir Path dir;

  private static final long H = 3_600_000L;
  private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00Z

  private Path file(String name, String... lines) throws Exception {
    Path f = dir.resolve(name);
    Files.write(f, List.of(lines), StandardCharsets.UTF_8);
    return f;
  }

  private static String row(long t, String o, String h, String l, String c, String v) {
    return t + "," + o + "," + h + "," + l + "," + c + "," + v;
  }

  @Test
  void reads_a_good_hourly_file() throws Exception {
    Path f =
        file(
            "ETH-USDT_1h_kucoin.csv",
            CandleSource.HEADER,
            row(T0, "10", "11", "9", "10.5", "3"),
            row(T0 + H, "10.5", "12", "10", "11", "4"));
    CandleSeries s = CandleSource.readHourly(f);
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.symbol()).hasToString("ETH-USDT");
    assertThat(s.close(1)).isEqualTo(11.0);
  }

  /** line, column of the first problem: the column is where the offending field starts. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a letter in high      | 1704067200000,10,1x,9,10.5,3      | 3 | 18 | high is not a finite number",
        "a missing volume      | 1704067200000,10,11,9,10.5        | 3 | 27 | volume is missing",
        "an extra field        | 1704067200000,10,11,9,10.5,3,7    | 3 | 29 | extra",
        "a time that is text   | 2024-01-01,10,11,9,10.5,3         | 3 | 1  | open_time_ms is not an integer",
        "high below close      | 1704067200000,10,10.2,9,10.5,3    | 3 | 18 | high 10.2 is below",
        "low above open        | 1704067200000,10,11,10.1,10.5,3   | 3 | 21 | low 10.1 is above",
        "a negative volume     | 1704067200000,10,11,9,10.5,-3     | 3 | 28 | volume must not be negative",
        "a zero price          | 1704067200000,0,11,9,10.5,3       | 3 | 15 | open must be > 0",
        "off the hourly grid   | 1704067260000,10,11,9,10.5,3      | 3 | 1  | not on the 1h grid",
        "a time going back     | 1704063600000,10,11,9,10.5,3      | 3 | 1  | is not after",
      })
  void a_bad_line_is_reported_with_its_line_and_column(
      String what, String line, int lineNo, int column, String message) throws Exception {
    Path f =
        file(
            "ETH-USDT_1h_kucoin.csv",
            CandleSource.HEADER,
            row(T0 - H, "10", "11", "9", "10.5", "3"),
            line.strip());
    // the first data line is one hour before T0; the bad line is line 3
    assertThatThrownBy(() -> CandleSource.readHourly(f))
        .isInstanceOf(CsvFileException.class)
        .hasMessageStartingWith(f + ":" + lineNo + ":" + column + ": ")
        .hasMessageContaining(message)
        .satisfies(
            e -> {
              CsvFileException c = (CsvFileException) e;
              assertThat(c.line()).isEqualTo(lineNo);
              assertThat(c.column()).isEqualTo(column);
              assertThat(c.file()).isEqualTo(f);
            });
  }

  @Test
  void a_wrong_header_names_the_first_differing_column() throws Exception {
    Path f = file("ETH-USDT_1h.csv", "open_time_ms,open,hi,low,close,volume");
    assertThatThrownBy(() -> CandleSource.read(f))
        .isInstanceOf(CsvFileException.class)
        .hasMessageStartingWith(f + ":1:21: expected the header");
  }

  @Test
  void bad_names_missing_and_empty_files_and_coarse_timeframes_are_refused() throws Exception {
    assertThatThrownBy(() -> CandleSource.read(file("candles.csv", CandleSource.HEADER)))
        .hasMessageContaining("<SYMBOL>_<interval>");
    assertThatThrownBy(() -> CandleSource.read(file("ETH-USDT_7x.csv", CandleSource.HEADER)))
        .hasMessageContaining("says no symbol and interval");
    assertThatThrownBy(() -> CandleSource.read(dir.resolve("ETH-USDT_1h.csv")))
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> CandleSource.read(file("ETH-USDT_1h_x.csv")))
        .hasMessageContaining(":1:1: the file is empty");
    assertThatThrownBy(() -> CandleSource.read(file("ETH-USDT_4h.csv", CandleSource.HEADER)))
        .hasMessageContaining("1h or finer");
  }

  @Test
  void finer_candles_are_aggregated_into_complete_hours_only() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(CandleSource.HEADER);
    long m15 = 15 * 60_000L;
    // hour 0 complete; hour 1 misses its third quarter (left out); hour 2 complete
    for (int q = 0; q < 12; q++) {
      if (q == 6) {
        continue;
      }
      double o = 100 + q;
      lines.add(row(T0 + q * m15, "" + o, "" + (o + 2), "" + (o - 1), "" + (o + 1), "1"));
    }
    Path f = file("SOL-USDT_15m_kucoin.csv", lines.toArray(String[]::new));
    CandleSeries s = CandleSource.readHourly(f);
    assertThat(s.timeframe()).isEqualTo(Timeframe.H1);
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.openTimeMillis(0)).isEqualTo(T0);
    assertThat(s.openTimeMillis(1)).isEqualTo(T0 + 2 * H);
    assertThat(s.open(0)).isEqualTo(100.0);
    assertThat(s.close(0)).isEqualTo(104.0);
    assertThat(s.high(0)).isEqualTo(105.0);
    assertThat(s.low(0)).isEqualTo(99.0);
    assertThat(s.volume(0)).isEqualTo(4.0);
  }

  @Test
  void the_runner_prints_the_csv_problem_and_exits_with_2() throws Exception {
    Path f =
        file("ETH-USDT_1h_kucoin.csv", CandleSource.HEADER, row(T0, "10", "1x", "9", "10.5", "3"));
    List<List<String>> commands =
        List.of(
            List.of("evaluate", "--source", "csv:" + f, "--store", dir.resolve("s").toString()),
            List.of("backtest", "--source", "csv:" + f, "--no-report"),
            List.of("backfill", "--source", "csv:" + f, "--store", dir.resolve("b").toString()));
    for (List<String> cmd : commands) {
      StoreCommandsTest.Result r = StoreCommandsTest.run(cmd.toArray(String[]::new));
      assertThat(r.code()).as(cmd.get(0)).isEqualTo(2);
      assertThat(r.err())
          .as(cmd.get(0))
          .contains("error: " + f + ":2:18: high is not a finite number: '1x'");
    }
  }
}
