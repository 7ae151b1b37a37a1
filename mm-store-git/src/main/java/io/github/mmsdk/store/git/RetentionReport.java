package io.github.mmsdk.store.git;

import io.github.mmsdk.store.git.internal.StoreValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.immutables.value.Value;

/** What a {@link RetentionPolicy} would archive at a given time; nothing is changed. */
@StoreValue
@Value.Immutable
public abstract class RetentionReport {

  RetentionReport() {}

  /** One file that would be archived. */
  @StoreValue
  @Value.Immutable
  public abstract static class Candidate {

    Candidate() {}

    /** {@return the path} */
    @Value.Parameter
    public abstract String path();

    /** {@return the day the file belongs to} */
    @Value.Parameter
    public abstract LocalDate date();

    /** {@return its size in bytes} */
    @Value.Parameter
    public abstract long bytes();

    /**
     * Creates a candidate.
     *
     * @param path the path
     * @param date the day
     * @param bytes the size
     * @return the candidate
     */
    public static Candidate of(String path, LocalDate date, long bytes) {
      return ImmutableCandidate.of(path, date, bytes);
    }
  }

  /** {@return the time the policy was applied at} */
  public abstract Instant asOf();

  /** {@return the files that would be archived, by path} */
  public abstract List<Candidate> candidates();

  /** {@return the number of files kept} */
  public abstract int kept();

  /** {@return the bytes that would be archived} */
  public long bytes() {
    return candidates().stream().mapToLong(Candidate::bytes).sum();
  }

  /** Builds a {@link RetentionReport}. */
  public static final class Builder extends ImmutableRetentionReport.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
