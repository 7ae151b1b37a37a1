package io.github.mmsdk.ops;

import io.github.mmsdk.api.notify.NotificationPriority;
import java.util.Locale;

/**
 * What {@link OperationalAlerts} raises: the system faults, the operator's halt and the start-up
 * reconciliation's findings, each with its default priority.
 */
public enum AlertKind {
  /** The exchange circuit is open, or candle fetches failed in several consecutive cycles. */
  EXCHANGE_DOWN(
      NotificationPriority.HIGH,
      "Exchange unreachable",
      "check the exchange status page, network and API key; decisions are incomplete until it"
          + " answers again"),
  /** A cycle took longer than the policy's threshold. */
  SLOW_CYCLE(
      NotificationPriority.NORMAL,
      "Cycle too slow",
      "check exchange latency and store commit/push times; decisions may be late"),
  /** The store could not write, or its push failed, in several consecutive cycles. */
  STORE_FAILING(
      NotificationPriority.HIGH,
      "Store failing",
      "check the store's disk space, permissions and remote credentials; unstored decisions"
          + " are lost to the audit trail"),
  /** The newest candle is older than the policy allows. */
  DATA_STALE(
      NotificationPriority.NORMAL,
      "Market data stale",
      "check the exchange candle feed and the host clock; no fresh decision is made on old data"),
  /** A risk check vetoed a recommendation. */
  RISK_LIMIT(
      NotificationPriority.HIGH,
      "Risk limit hit",
      "check capital, daily loss and halt state before adding capital"),
  /** Undelivered notifications are piling up in the dead-letter sink. */
  DEAD_LETTERS(
      NotificationPriority.HIGH,
      "Dead letters piling up",
      "check the notification channels' credentials and reachability; recommendations are not"
          + " reaching you"),
  /**
   * An operator halted risk-increasing actions. Announced once when the halt is seen, and once when
   * it is lifted; no reminders unless {@link AlertPolicy#reminderIntervals()} names this kind.
   */
  OPERATOR_HALT(
      NotificationPriority.HIGH,
      "Trading halted by an operator",
      "no grid is set up until an operator resumes (runner resume --actor NAME --reason TEXT);"
          + " exits are still assessed, recommended and notified",
      false),
  /**
   * The start-up reconciliation found the store and the exchange disagreeing. One message per
   * reconciliation listing every finding; never repeated.
   */
  RECONCILIATION(
      NotificationPriority.NORMAL,
      "Store and exchange disagree",
      "compare the findings with the exchange's open orders and the store's grids, then record what"
          + " you did (runner grid, runner action)",
      false);

  private final NotificationPriority defaultPriority;
  private final String title;
  private final String whatToCheck;
  private final boolean reminds;

  AlertKind(NotificationPriority defaultPriority, String title, String whatToCheck) {
    this(defaultPriority, title, whatToCheck, true);
  }

  AlertKind(
      NotificationPriority defaultPriority, String title, String whatToCheck, boolean reminds) {
    this.defaultPriority = defaultPriority;
    this.title = title;
    this.whatToCheck = whatToCheck;
    this.reminds = reminds;
  }

  /**
   * {@return whether an open incident of this kind is repeated once per reminder window by default
   * (faults are; the operator's own halt is not)}
   */
  public boolean remindsByDefault() {
    return reminds;
  }

  /** {@return the priority used unless {@link AlertPolicy#priorities()} overrides it} */
  public NotificationPriority defaultPriority() {
    return defaultPriority;
  }

  /** {@return a short title} */
  public String title() {
    return title;
  }

  /** {@return what the operator should check} */
  public String whatToCheck() {
    return whatToCheck;
  }

  /** {@return the kind in lower case with dashes, as used in notification ids} */
  public String slug() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
