package io.github.mmsdk.api;

import java.util.Optional;

/**
 * A configuration value, file or argument is invalid; fail fast and name what to fix.
 *
 * <p>Carries the offending key (a dotted YAML path such as {@code
 * exit_rules.warning.min_conditions} or a field name) and, when the value came from a file, the
 * file and line.
 */
public class InvalidConfigurationException extends MarketMakerException {
  private static final long serialVersionUID = 1L;

  /** The key of the failure, also in the message. */
  private final String key;

  /** The source of the failure, also in the message. */
  private final String source;

  /** The line of the failure, also in the message. */
  private final int line;

  /**
   * Creates an exception for an invalid value that did not come from a file.
   *
   * @param key the offending key or field
   * @param problem what is wrong with it
   */
  public InvalidConfigurationException(String key, String problem) {
    this(key, problem, null, 0, null);
  }

  /**
   * Creates an exception for an invalid value read from a file.
   *
   * @param key the offending key or field
   * @param problem what is wrong with it
   * @param source the file or resource, or {@code null} when unknown
   * @param line the 1-based line in {@code source}, or 0 when unknown
   * @param cause the underlying failure, or {@code null}
   */
  public InvalidConfigurationException(
      String key, String problem, String source, int line, Throwable cause) {
    super(format(key, problem, source, line), cause);
    this.key = key;
    this.source = source;
    this.line = line;
  }

  private static String format(String key, String problem, String source, int line) {
    StringBuilder sb = new StringBuilder("invalid configuration '").append(key).append("': ");
    sb.append(problem);
    if (source != null) {
      sb.append(" (").append(source);
      if (line > 0) {
        sb.append(", line ").append(line);
      }
      sb.append(')');
    }
    return sb.toString();
  }

  /**
   * The offending key or field.
   *
   * @return the dotted key
   */
  public String key() {
    return key;
  }

  /**
   * The file or resource the value came from.
   *
   * @return the source, when known
   */
  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /**
   * The 1-based line of the value in its source.
   *
   * @return the line, or 0 when unknown
   */
  public int line() {
    return line;
  }
}
