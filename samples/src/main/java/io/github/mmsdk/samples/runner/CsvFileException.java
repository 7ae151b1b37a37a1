package io.github.mmsdk.samples.runner;

import io.github.mmsdk.api.MarketMakerException;
import java.nio.file.Path;

/** A candle file the runner cannot use, with the line and column of the first problem. */
final class CsvFileException extends MarketMakerException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final int column;

  CsvFileException(Path file, int line, int column, String problem) {
    super(format(file, line, column, problem));
    this.file = file;
    this.line = line;
    this.column = column;
  }

  private static String format(Path file, int line, int column, String problem) {
    StringBuilder sb = new StringBuilder().append(file);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    return sb.append(": ").append(problem).toString();
  }

  /** {@return the file} */
  Path file() {
    return file;
  }

  /** {@return the 1-based line, 0 when the problem is the file itself} */
  int line() {
    return line;
  }

  /** {@return the 1-based column, 0 when the problem is a whole line} */
  int column() {
    return column;
  }
}
