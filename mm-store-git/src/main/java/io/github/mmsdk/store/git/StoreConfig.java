package io.github.mmsdk.store.git;

import io.github.mmsdk.api.grid.GridConfig;
import io.github.mmsdk.store.git.internal.StoreValue;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** A validated configuration: the grids with their history and the rule sections. */
@StoreValue
@Value.Immutable
public abstract class StoreConfig {

  StoreConfig() {}

  /** {@return the grids of {@code config/grids/*.yaml}, by file name} */
  public abstract List<GridConfig> grids();

  /** {@return the rule sections of {@code config/rules.yaml}} */
  public abstract RulesDocument rules();

  /** {@return the commit that introduced this configuration, when read from a repository} */
  public abstract Optional<String> version();

  /** Builds a {@link StoreConfig}. */
  public static final class Builder extends ImmutableStoreConfig.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
