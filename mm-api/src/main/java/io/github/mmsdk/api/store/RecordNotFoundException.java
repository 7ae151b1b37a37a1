package io.github.mmsdk.api.store;

/** A write names a record the store does not have. */
public class RecordNotFoundException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** The recordId of the failure, also in the message. */
  private final String recordId;

  /**
   * Creates the exception.
   *
   * @param recordId the missing record
   */
  public RecordNotFoundException(String recordId) {
    super("no record " + recordId, null);
    this.recordId = recordId;
  }

  /** {@return the missing record's id} */
  public String recordId() {
    return recordId;
  }
}
