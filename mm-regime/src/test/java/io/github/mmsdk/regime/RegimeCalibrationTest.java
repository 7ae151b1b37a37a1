package io.github.mmsdk.regime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Checks the calibration claims of docs/regime.md with the default thresholds, and that the file is
 * what the search and report produce today; with {@code -Dmm.regime.calibrate=true} it rewrites
 * docs/regime.md instead.
 */
class RegimeCalibrationTest {

  @Test
  void defaultsPrecedeLargeMovesWithTrendAndQuietDaysWithRange() {
    TestData.assumeData();
    List<RegimeCalibration.Market> markets = RegimeCalibration.load();
    List<byte[]> v = new ArrayList<>();
    for (RegimeCalibration.Market m : markets) {
      v.add(RegimeCalibration.verdicts(m, RegimeConfig.defaults()));
    }
    RegimeCalibration.Score in = RegimeCalibration.score(markets, v, true);
    RegimeCalibration.Score out = RegimeCalibration.score(markets, v, false);
    assertThat(in.lift()).as("in sample " + RegimeCalibration.describe(in)).isGreaterThan(0.05);
    assertThat(in.okDominatesQuiet).as("in sample " + RegimeCalibration.describe(in)).isTrue();
    assertThat(out.lift())
        .as("out of sample " + RegimeCalibration.describe(out))
        .isGreaterThan(0.05);
    assertThat(out.okDominatesQuiet)
        .as("out of sample " + RegimeCalibration.describe(out))
        .isTrue();
    assertThat(in.okQuiet).isGreaterThan(in.okLarge);
  }

  @Test
  void docsRegimeMdIsUpToDate() throws Exception {
    TestData.assumeData();
    // the committed report is generated on JDK 17; Math.log may differ in its last bit elsewhere
    Assumptions.assumeTrue(
        Runtime.version().feature() == 17 || Boolean.getBoolean("mm.regime.calibrate"),
        "docs/regime.md is compared byte for byte on JDK 17 only");
    String report = RegimeCalibration.report(RegimeCalibration.load());
    Path doc = Path.of(System.getProperty("mm.regime.doc", "../docs/regime.md"));
    if (Boolean.getBoolean("mm.regime.calibrate")) {
      RegimeCalibration.write(doc, report);
    } else {
      RegimeCalibration.write(Path.of("target/regime.md"), report);
    }
    assertThat(Files.exists(doc))
        .as("docs/regime.md is missing; regenerate it with " + RegimeCalibration.COMMAND)
        .isTrue();
    assertThat(Files.readString(doc))
        .as(
            "docs/regime.md is stale (fresh copy in mm-regime/target/regime.md); regenerate it with "
                + RegimeCalibration.COMMAND)
        .isEqualTo(report);
  }
}
