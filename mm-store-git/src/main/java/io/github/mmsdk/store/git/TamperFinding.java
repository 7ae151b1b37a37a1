package io.github.mmsdk.store.git;

import io.github.mmsdk.store.git.internal.StoreValue;
import org.immutables.value.Value;

/** One piece of evidence that the store's history was tampered with. */
@StoreValue
@Value.Immutable
public abstract class TamperFinding {

  TamperFinding() {}

  /** What kind of tampering was found. */
  public enum Kind {
    /** A commit changed the earlier bytes of an append-only or immutable record. */
    REWRITTEN,
    /** A commit deleted a record. */
    DELETED,
    /** The branch no longer contains a commit it once had (history was rewritten). */
    NON_FAST_FORWARD,
    /** A record cannot be read at all. */
    CORRUPT
  }

  /** {@return what was found} */
  public abstract Kind kind();

  /** {@return the commit that did it (or the lost commit for NON_FAST_FORWARD)} */
  public abstract String commit();

  /** {@return the record's path, empty for history-wide findings} */
  @Value.Default
  public String path() {
    return "";
  }

  /** {@return a human-readable explanation} */
  public abstract String detail();

  /** Builds a {@link TamperFinding}. */
  public static final class Builder extends ImmutableTamperFinding.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
