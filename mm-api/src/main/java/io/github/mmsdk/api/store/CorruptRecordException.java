package io.github.mmsdk.api.store;

/** A stored record cannot be read: bad syntax, unknown schema version, or a broken invariant. */
public class CorruptRecordException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** The path of the failure, also in the message. */
  private final String path;

  /** The line of the failure, also in the message. */
  private final int line;

  /**
   * Creates the exception.
   *
   * @param path the record's path in the store
   * @param line the 1-based line, or 0 when unknown
   * @param problem what is wrong
   * @param cause the underlying failure, or {@code null}
   */
  public CorruptRecordException(String path, int line, String problem, Throwable cause) {
    super("corrupt record " + path + (line > 0 ? ":" + line : "") + ": " + problem, cause);
    this.path = path;
    this.line = line;
  }

  /** {@return the record's path} */
  public String path() {
    return path;
  }

  /** {@return the 1-based line, or 0 when unknown} */
  public int line() {
    return line;
  }
}
