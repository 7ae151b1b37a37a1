package io.github.mmsdk.exit;

import static io.github.mmsdk.api.exit.ExitState.LATEST_ACCEPTABLE_EXIT;
import static io.github.mmsdk.api.exit.ExitState.MANDATORY_EXIT;
import static io.github.mmsdk.api.exit.ExitState.NORMAL;
import static io.github.mmsdk.api.exit.ExitState.WARNING;

import io.github.mmsdk.api.exit.ExitState;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The exit state machine's edges, declared as data: every transition the engine may take, and why.
 * A transition not in this table never happens.
 *
 * <pre>
 * from                    to                      causes
 * NORMAL                  WARNING                 PERSISTENCE
 * NORMAL                  LATEST_ACCEPTABLE_EXIT  PERSISTENCE
 * NORMAL                  MANDATORY_EXIT          PERSISTENCE, HARD
 * WARNING                 LATEST_ACCEPTABLE_EXIT  PERSISTENCE
 * WARNING                 MANDATORY_EXIT          PERSISTENCE, HARD
 * LATEST_ACCEPTABLE_EXIT  MANDATORY_EXIT          PERSISTENCE, HARD, DEADLINE
 * WARNING                 NORMAL                  RELEASE
 * LATEST_ACCEPTABLE_EXIT  WARNING, NORMAL         RELEASE
 * MANDATORY_EXIT          WARNING, NORMAL         RELEASE
 * </pre>
 *
 * <p>An exit state releases to WARNING while the WARNING consensus still holds, and to NORMAL only
 * under NORMAL's own release rule (see {@link ExitSession}).
 */
final class TransitionTable {

  /** Why a transition happens. */
  enum Cause {
    /** The level was signalled in enough consecutive evaluations. */
    PERSISTENCE,
    /** A hard condition held: straight to MANDATORY_EXIT. */
    HARD,
    /** The LATEST_ACCEPTABLE_EXIT deadline passed without an exit. */
    DEADLINE,
    /** Enough consecutive quiet evaluations: de-escalation with hysteresis. */
    RELEASE
  }

  /** One edge. */
  record Edge(ExitState from, ExitState to, Set<Cause> causes) {}

  static final List<Edge> EDGES =
      List.of(
          new Edge(NORMAL, WARNING, EnumSet.of(Cause.PERSISTENCE)),
          new Edge(NORMAL, LATEST_ACCEPTABLE_EXIT, EnumSet.of(Cause.PERSISTENCE)),
          new Edge(NORMAL, MANDATORY_EXIT, EnumSet.of(Cause.PERSISTENCE, Cause.HARD)),
          new Edge(WARNING, LATEST_ACCEPTABLE_EXIT, EnumSet.of(Cause.PERSISTENCE)),
          new Edge(WARNING, MANDATORY_EXIT, EnumSet.of(Cause.PERSISTENCE, Cause.HARD)),
          new Edge(
              LATEST_ACCEPTABLE_EXIT,
              MANDATORY_EXIT,
              EnumSet.of(Cause.PERSISTENCE, Cause.HARD, Cause.DEADLINE)),
          new Edge(WARNING, NORMAL, EnumSet.of(Cause.RELEASE)),
          new Edge(LATEST_ACCEPTABLE_EXIT, WARNING, EnumSet.of(Cause.RELEASE)),
          new Edge(LATEST_ACCEPTABLE_EXIT, NORMAL, EnumSet.of(Cause.RELEASE)),
          new Edge(MANDATORY_EXIT, WARNING, EnumSet.of(Cause.RELEASE)),
          new Edge(MANDATORY_EXIT, NORMAL, EnumSet.of(Cause.RELEASE)));

  private static final int N = ExitState.values().length;
  private static final boolean[][][] ALLOWED = new boolean[N][N][Cause.values().length];

  static {
    for (Edge e : EDGES) {
      for (Cause c : e.causes()) {
        ALLOWED[e.from().ordinal()][e.to().ordinal()][c.ordinal()] = true;
      }
    }
  }

  private TransitionTable() {}

  /** {@return whether the table has the edge {@code from → to} for {@code cause}} */
  static boolean allows(ExitState from, ExitState to, Cause cause) {
    return ALLOWED[from.ordinal()][to.ordinal()][cause.ordinal()];
  }
}
