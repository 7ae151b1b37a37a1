package io.github.mmsdk.exit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.exit.TransitionTable.Cause;
import org.junit.jupiter.api.Test;

class TransitionTableTest {

  @Test
  void escalationsAndReleasesAreDeclared() {
    assertThat(TransitionTable.allows(ExitState.NORMAL, ExitState.MANDATORY_EXIT, Cause.HARD))
        .isTrue();
    assertThat(
            TransitionTable.allows(
                ExitState.LATEST_ACCEPTABLE_EXIT, ExitState.MANDATORY_EXIT, Cause.DEADLINE))
        .isTrue();
    assertThat(TransitionTable.allows(ExitState.WARNING, ExitState.NORMAL, Cause.RELEASE)).isTrue();
  }

  @Test
  void undeclaredEdgesAreRefused() {
    assertThat(TransitionTable.allows(ExitState.NORMAL, ExitState.MANDATORY_EXIT, Cause.DEADLINE))
        .isFalse();
    assertThat(
            TransitionTable.allows(
                ExitState.MANDATORY_EXIT, ExitState.LATEST_ACCEPTABLE_EXIT, Cause.RELEASE))
        .isFalse();
    assertThat(
            TransitionTable.allows(ExitState.WARNING, ExitState.LATEST_ACCEPTABLE_EXIT, Cause.HARD))
        .isFalse();
    for (ExitState s : ExitState.values()) {
      for (Cause c : Cause.values()) {
        assertThat(TransitionTable.allows(s, s, c)).isFalse();
      }
    }
  }

  @Test
  void everyEdgeEscalatesExceptReleases() {
    for (TransitionTable.Edge e : TransitionTable.EDGES) {
      boolean release = e.causes().contains(Cause.RELEASE);
      assertThat(e.to().isAbove(e.from())).isEqualTo(!release);
    }
  }
}
