package io.github.mmsdk.backtest.report;

import io.github.mmsdk.api.MarketMakerException;
import java.io.IOException;
import java.nio.file.Path;

/** The report could not be written to its file; the cause is the underlying I/O failure. */
public class ReportWriteException extends MarketMakerException {
  private static final long serialVersionUID = 1L;

  /** The file, as text (a {@link Path} is not serializable). */
  private final String file;

  /**
   * Creates the exception.
   *
   * @param file the file that could not be written
   * @param cause the I/O failure
   */
  public ReportWriteException(Path file, IOException cause) {
    super("cannot write the report to " + file + ": " + cause.getMessage(), cause);
    this.file = file.toString();
  }

  /** {@return the file that could not be written} */
  public Path file() {
    return Path.of(file);
  }
}
