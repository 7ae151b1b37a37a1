package io.github.mmsdk.exit;

import io.github.mmsdk.api.regime.RegimeVerdict;

/** Signals for the trigger tests: a calm market inside a 1800-2200 grid, then one change. */
final class TriggerFixtures {

  private TriggerFixtures() {}

  static Signals calm() {
    Signals s = new Signals();
    s.readRegime(Fixtures.calmRegime(Fixtures.T0));
    s.close = 2000;
    s.atr = 20;
    s.lower = 1800;
    s.upper = 2200;
    s.hasPosition = true;
    s.unrealizedPct = 0;
    s.stopDistancePct = 15;
    return s;
  }

  static Evaluation run(Signals s) {
    ExitConfig c = ExitConfig.defaults();
    Evaluation e = new Evaluation();
    e.reset();
    new WarningTrigger(c).evaluate(s, e);
    new LatestAcceptableExitTrigger(c).evaluate(s, e);
    new MandatoryExitTrigger(c).evaluate(s, e);
    return e;
  }

  static boolean held(Signals s, Rule r) {
    return run(s).held[r.ordinal()];
  }

  static Signals trend(Signals s) {
    s.verdict = RegimeVerdict.TREND;
    s.confirmation = RegimeVerdict.TREND;
    return s;
  }
}
