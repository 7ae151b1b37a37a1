package io.github.mmsdk.api.decision;

import io.github.mmsdk.api.internal.MmValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** What the operator (or the system) did with a decision, appended to it. */
@MmValue
@Value.Immutable
public abstract class ActionRecord {

  ActionRecord() {}

  /** What was done with a recommendation. */
  public enum Kind {
    /** The operator approved it. */
    APPROVED,
    /** The operator declined it. */
    DECLINED,
    /** It was carried out; the record says what was actually done. */
    EXECUTED,
    /** The operator saw it and did nothing. */
    IGNORED,
    /** Its timeout passed without a verdict. */
    EXPIRED
  }

  /** {@return the decision it belongs to} */
  public abstract String decisionId();

  /** {@return what was done} */
  public abstract Kind kind();

  /** {@return who did it} */
  public abstract String actor();

  /** {@return when} */
  public abstract Instant at();

  /** {@return the actor's note} */
  @Value.Default
  public String note() {
    return "";
  }

  /** {@return the price actually executed at, for EXECUTED} */
  public abstract Optional<BigDecimal> executedPrice();

  /** {@return the size actually executed, in the base currency, for EXECUTED} */
  public abstract Optional<BigDecimal> executedSize();

  /** Builds an {@link ActionRecord}. */
  public static final class Builder extends ImmutableActionRecord.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
