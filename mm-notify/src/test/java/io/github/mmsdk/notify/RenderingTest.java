package io.github.mmsdk.notify;

import static io.github.mmsdk.notify.Fixtures.exitState;
import static io.github.mmsdk.notify.Fixtures.mandatoryExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.notify.internal.Rendering;
import org.junit.jupiter.api.Test;

class RenderingTest {

  @Test
  void truncationKeepsAPrefixEndsWithTheMarkerAndNeverSplitsASurrogatePair() {
    qt().withFixedSeed(20261123L)
        .withExamples(300)
        .forAll(strings().allPossible().ofLengthBetween(0, 400), integers().between(20, 300))
        .checkAssert(
            (text, max) -> {
              String out = Rendering.truncate(text, max);
              int points = out.codePointCount(0, out.length());
              assertThat(points).isLessThanOrEqualTo(max);
              if (text.codePointCount(0, text.length()) <= max) {
                assertThat(out).isEqualTo(text);
              } else {
                assertThat(points).isEqualTo(max);
                assertThat(out).endsWith(Rendering.TRUNCATION_MARKER);
                String kept = out.substring(0, out.length() - Rendering.TRUNCATION_MARKER.length());
                assertThat(text).startsWith(kept);
                // a surrogate pair of the input is never cut in half
                boolean split =
                    !kept.isEmpty()
                        && Character.isHighSurrogate(kept.charAt(kept.length() - 1))
                        && Character.isLowSurrogate(text.charAt(kept.length()));
                assertThat(split).isFalse();
              }
            });
  }

  @Test
  void htmlTruncationNeverCutsAnEntity() {
    qt().withFixedSeed(20261123L)
        .withExamples(300)
        .forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 300), integers().between(20, 200))
        .checkAssert(
            (text, max) -> {
              String html = Rendering.telegramHtml(text);
              String out = Rendering.truncateHtml(html, max);
              assertThat(out.codePointCount(0, out.length())).isLessThanOrEqualTo(max);
              String kept =
                  out.endsWith(Rendering.TRUNCATION_MARKER)
                      ? out.substring(0, out.length() - Rendering.TRUNCATION_MARKER.length())
                      : out;
              assertThat(html).startsWith(kept);
              int amp = kept.lastIndexOf('&');
              assertThat(amp < 0 || kept.indexOf(';', amp) > amp).isTrue();
            });
  }

  @Test
  void aMandatoryExitStatesTheActionFirstEvenWithoutAnActionField() {
    Notification n =
        new Notification.Builder()
            .from(exitState("x", NotificationPriority.NORMAL))
            .putField("exit_state", "MANDATORY_EXIT")
            .build();
    assertThat(Rendering.plainBody(n)).startsWith("ACTION: stop the grid eth-grid-1 now.\n");
    assertThat(Rendering.isMandatoryExit(n)).isTrue();
    Notification noGrid =
        new Notification.Builder()
            .id("y")
            .kind(Notification.Kind.EXIT_STATE)
            .priority(NotificationPriority.EMERGENCY)
            .title("t")
            .message("")
            .createdAt(Fixtures.T0)
            .build();
    assertThat(Rendering.plainBody(noGrid)).isEqualTo("ACTION: stop the grid now.");
    assertThat(Rendering.title(mandatoryExit("z"))).startsWith("🚨 ");
  }

  @Test
  void recommendationsCarryTheirActionAndRecoveriesTheirMark() {
    Notification rec =
        new Notification.Builder()
            .from(exitState("r", NotificationPriority.LOW))
            .kind(Notification.Kind.RECOMMENDATION)
            .putField("recommended_action", "Restart grid with spacing 0.8%")
            .build();
    assertThat(Rendering.plainBody(rec))
        .startsWith("Action: Restart grid with spacing 0.8%\nTwo exit conditions met.")
        .doesNotContain("recommended_action:");
    Notification recovery =
        new Notification.Builder().from(rec).kind(Notification.Kind.RECOVERY).build();
    assertThat(Rendering.title(recovery)).startsWith("✅ ");
    assertThat(Rendering.title(exitState("n", NotificationPriority.NORMAL)))
        .isEqualTo("ETH-USDT: WARNING");
    assertThat(Rendering.eventType(rec)).isEqualTo("notification.recommendation");
  }

  @Test
  void escapesMarkupForTelegramAndSlack() {
    assertThat(Rendering.telegramHtml("a<b>&c")).isEqualTo("a&lt;b&gt;&amp;c");
    assertThat(Rendering.slackEscape("<!channel> & co")).isEqualTo("&lt;!channel&gt; &amp; co");
  }
}
