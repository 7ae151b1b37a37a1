package io.github.mmsdk.store.git;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.store.git.internal.StoreValue;
import java.time.Duration;
import java.util.Map;
import org.immutables.value.Value;

/**
 * How long files under each top-level folder are kept before a retention run would archive them
 * (seed Req 20). Folders not named are kept forever. Only a dry run exists: the store never
 * rewrites history by itself.
 */
@StoreValue
@Value.Immutable
public abstract class RetentionPolicy {

  RetentionPolicy() {}

  /** {@return folder prefix (e.g. {@code raw_data/ETH-USDT/1m}) to the age after which it goes} */
  public abstract Map<String, Duration> keep();

  @Value.Check
  void check() {
    keep()
        .forEach(
            (k, v) -> {
              if (v.isNegative() || v.isZero()) {
                throw new InvalidConfigurationException("retention." + k, "must be positive");
              }
            });
  }

  /** Builds a {@link RetentionPolicy}. */
  public static final class Builder extends ImmutableRetentionPolicy.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
