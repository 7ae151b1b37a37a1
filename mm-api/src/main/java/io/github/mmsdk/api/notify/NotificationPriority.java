package io.github.mmsdk.api.notify;

/** Notification urgency, with Pushover's numeric priorities. */
public enum NotificationPriority {
  /** -2: no alert at all. */
  LOWEST(-2),
  /** -1: quiet (the NORMAL exit state). */
  LOW(-1),
  /** 0: normal (WARNING). */
  NORMAL(0),
  /** 1: high, bypasses quiet hours (LATEST_ACCEPTABLE_EXIT). */
  HIGH(1),
  /** 2: emergency, repeats until acknowledged (MANDATORY_EXIT). */
  EMERGENCY(2);

  private final int value;

  NotificationPriority(int value) {
    this.value = value;
  }

  /** {@return the Pushover priority value, -2 to 2} */
  public int value() {
    return value;
  }

  /**
   * The priority with a Pushover value.
   *
   * @param value -2 to 2
   * @return the priority
   * @throws io.github.mmsdk.api.InvalidConfigurationException when out of range
   */
  public static NotificationPriority of(int value) {
    for (NotificationPriority p : values()) {
      if (p.value == value) {
        return p;
      }
    }
    throw new io.github.mmsdk.api.InvalidConfigurationException(
        "priority", "must be in [-2, 2], was " + value);
  }
}
