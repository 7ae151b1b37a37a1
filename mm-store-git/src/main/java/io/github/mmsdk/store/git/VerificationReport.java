package io.github.mmsdk.store.git;

import io.github.mmsdk.store.git.internal.StoreValue;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** The result of {@link GitDecisionStore#verify()}: the history walked and what was found. */
@StoreValue
@Value.Immutable
public abstract class VerificationReport {

  VerificationReport() {}

  /** {@return the branch tip that was verified, empty for an empty store} */
  public abstract Optional<String> head();

  /** {@return how many commits were checked} */
  public abstract int commitsChecked();

  /** {@return the findings, oldest commit first} */
  public abstract List<TamperFinding> findings();

  /** {@return whether nothing was found} */
  public boolean intact() {
    return findings().isEmpty();
  }

  /** Builds a {@link VerificationReport}. */
  public static final class Builder extends ImmutableVerificationReport.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
