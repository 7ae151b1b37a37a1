package io.github.mmsdk.store.git;

import io.github.mmsdk.store.git.internal.StoreValue;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The outcome of {@link ConfigLoader#reload()}: the configuration in force and why not the new one.
 */
@StoreValue
@Value.Immutable
public abstract class ConfigReload {

  ConfigReload() {}

  /** {@return whether the new configuration was valid and is now in force} */
  public abstract boolean applied();

  /** {@return the configuration in force (the last valid one when the reload failed)} */
  public abstract Optional<StoreConfig> config();

  /** {@return why the reload was refused, with file, key and line} */
  public abstract Optional<String> error();

  /** Builds a {@link ConfigReload}. */
  public static final class Builder extends ImmutableConfigReload.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
