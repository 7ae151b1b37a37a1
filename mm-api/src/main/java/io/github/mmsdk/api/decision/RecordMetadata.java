package io.github.mmsdk.api.decision;

import io.github.mmsdk.api.internal.MmValue;
import java.time.Instant;
import org.immutables.value.Value;

/** The metadata every stored record carries. */
@MmValue
@Value.Immutable
public abstract class RecordMetadata {

  RecordMetadata() {}

  /** {@return a stable, unique record id, e.g. {@code dec-ETH-USDT-20260202-140000}} */
  public abstract String recordId();

  /** {@return the exchange id the data came from} */
  public abstract String venue();

  /** {@return the market time the record describes} */
  public abstract Instant observedAt();

  /** {@return when the record was written} */
  public abstract Instant recordedAt();

  /** {@return the record's schema version} */
  @Value.Default
  public int schemaVersion() {
    return 1;
  }

  /** {@return the version of the SDK that wrote it} */
  public abstract String libraryVersion();

  /** Builds a {@link RecordMetadata}. */
  public static final class Builder extends ImmutableRecordMetadata.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
