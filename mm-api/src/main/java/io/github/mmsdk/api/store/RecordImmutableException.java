package io.github.mmsdk.api.store;

/** A write would change or delete a record already written; records are append-only. */
public class RecordImmutableException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** The recordId of the failure, also in the message. */
  private final String recordId;

  /**
   * Creates the exception.
   *
   * @param recordId the record the write would change
   * @param message what the write tried
   */
  public RecordImmutableException(String recordId, String message) {
    super("record " + recordId + " is immutable: " + message, null);
    this.recordId = recordId;
  }

  /** {@return the record the write would change} */
  public String recordId() {
    return recordId;
  }
}
