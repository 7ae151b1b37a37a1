package io.github.mmsdk.notify.internal;

import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a structured {@link Notification} as text for a channel. Templates are code (seed 001,
 * "Notification Templating"): the emergency message states the action first, in plain words.
 */
public final class Rendering {
  /** Appended to any text cut to a channel's length limit. */
  public static final String TRUNCATION_MARKER = "… [truncated]";

  /** Field keys that hold the action to take; rendered first, not again among the fields. */
  public static final Set<String> ACTION_KEYS = Set.of("action", "recommended_action");

  private Rendering() {}

  /**
   * The title with an urgency marker.
   *
   * @param n the notification
   * @return the title line
   */
  public static String title(Notification n) {
    String prefix;
    if (n.priority() == NotificationPriority.EMERGENCY) {
      prefix = "🚨 ";
    } else if (n.priority() == NotificationPriority.HIGH) {
      prefix = "⚠️ ";
    } else if (n.kind() == Notification.Kind.RECOVERY) {
      prefix = "✅ ";
    } else {
      prefix = "";
    }
    return prefix + n.title();
  }

  /**
   * The action line, when the notification asks for one. A mandatory exit (emergency priority or
   * {@code exit_state=MANDATORY_EXIT}) always gets one.
   *
   * @param n the notification
   * @return the action line
   */
  public static Optional<String> action(Notification n) {
    for (String key : List.of("action", "recommended_action")) {
      String a = n.fields().get(key);
      if (a != null && !a.isBlank()) {
        return Optional.of((isMandatoryExit(n) ? "ACTION: " : "Action: ") + a.strip());
      }
    }
    if (isMandatoryExit(n)) {
      return Optional.of(
          "ACTION: stop the grid" + n.gridId().map(g -> " " + g).orElse("") + " now.");
    }
    return Optional.empty();
  }

  /**
   * Whether the notification is a mandatory exit (or any emergency).
   *
   * @param n the notification
   * @return whether it demands immediate action
   */
  public static boolean isMandatoryExit(Notification n) {
    return n.priority() == NotificationPriority.EMERGENCY
        || "MANDATORY_EXIT".equalsIgnoreCase(n.fields().getOrDefault("exit_state", ""));
  }

  /**
   * The plain-text body: action, message, subject (symbol, grid), then the fields in order.
   *
   * @param n the notification
   * @return the body lines joined by newlines
   */
  public static String plainBody(Notification n) {
    List<String> lines = new ArrayList<>();
    action(n).ifPresent(lines::add);
    if (!n.message().isBlank()) {
      lines.add(n.message().strip());
    }
    List<String> facts = new ArrayList<>();
    n.symbol().ifPresent(s -> facts.add("symbol: " + s));
    n.gridId().ifPresent(g -> facts.add("grid: " + g));
    for (Map.Entry<String, String> e : n.fields().entrySet()) {
      if (!ACTION_KEYS.contains(e.getKey())) {
        facts.add(e.getKey() + ": " + e.getValue());
      }
    }
    if (!facts.isEmpty()) {
      if (!lines.isEmpty()) {
        lines.add("");
      }
      lines.addAll(facts);
    }
    return String.join("\n", lines);
  }

  /**
   * Cuts a text to a number of code points, ending it with {@link #TRUNCATION_MARKER} when cut.
   * Never splits a surrogate pair.
   *
   * @param text the text
   * @param maxCodePoints the limit, larger than the marker
   * @return the text, at most {@code maxCodePoints} code points long
   */
  public static String truncate(String text, int maxCodePoints) {
    int count = text.codePointCount(0, text.length());
    if (count <= maxCodePoints) {
      return text;
    }
    int keep = maxCodePoints - TRUNCATION_MARKER.codePointCount(0, TRUNCATION_MARKER.length());
    int end = text.offsetByCodePoints(0, Math.max(0, keep));
    return text.substring(0, end) + TRUNCATION_MARKER;
  }

  /**
   * Cuts escaped HTML text like {@link #truncate}, never inside an entity such as {@code &amp;}.
   *
   * @param html the escaped text
   * @param maxCodePoints the limit, larger than the marker
   * @return the text, at most {@code maxCodePoints} code points long
   */
  public static String truncateHtml(String html, int maxCodePoints) {
    String out = truncate(html, maxCodePoints);
    if (out.equals(html)) {
      return out;
    }
    String kept = out.substring(0, out.length() - TRUNCATION_MARKER.length());
    int amp = kept.lastIndexOf('&');
    if (amp >= 0 && kept.indexOf(';', amp) < 0) {
      kept = kept.substring(0, amp);
    }
    return kept + TRUNCATION_MARKER;
  }

  /**
   * Escapes text for Telegram's HTML parse mode.
   *
   * @param text the text
   * @return the escaped text
   */
  public static String telegramHtml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * Escapes text for Slack's mrkdwn (the three control characters).
   *
   * @param text the text
   * @return the escaped text
   */
  public static String slackEscape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * The webhook event type of a notification, e.g. {@code notification.exit_state}.
   *
   * @param n the notification
   * @return the type
   */
  public static String eventType(Notification n) {
    return "notification." + n.kind().name().toLowerCase(java.util.Locale.ROOT);
  }
}
