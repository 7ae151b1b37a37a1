package io.github.mmsdk.notify.internal;

import io.github.mmsdk.api.InvalidConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Reads settings from an environment map (never from the process directly). */
public final class Env {
  private Env() {}

  /**
   * A non-blank value, trimmed.
   *
   * @param env the environment
   * @param key the variable
   * @return the value, when set and not blank
   */
  public static Optional<String> get(Map<String, String> env, String key) {
    String v = env.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /**
   * A duration in seconds.
   *
   * @param env the environment
   * @param key the variable
   * @return the duration, when set
   * @throws InvalidConfigurationException when not a whole number of seconds
   */
  public static Optional<Duration> seconds(Map<String, String> env, String key) {
    Optional<String> v = get(env, key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v.get())));
    } catch (NumberFormatException e) {
      throw new InvalidConfigurationException(key, "must be a whole number of seconds");
    }
  }

  /**
   * Fails when only some of the variables of a channel are set.
   *
   * @param env the environment
   * @param keys the variables that go together
   * @return whether all are set (false when none is)
   * @throws InvalidConfigurationException naming the first missing one when some are set
   */
  public static boolean allOrNone(Map<String, String> env, String... keys) {
    int set = 0;
    String missing = null;
    for (String k : keys) {
      if (get(env, k).isPresent()) {
        set++;
      } else if (missing == null) {
        missing = k;
      }
    }
    if (set == 0) {
      return false;
    }
    if (missing != null) {
      throw new InvalidConfigurationException(missing, "must be set together with " + keys[0]);
    }
    return true;
  }
}
