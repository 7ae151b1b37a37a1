package io.github.mmsdk.store.git.internal;

/** A wire document breaks its schema at a dotted path; turned into a typed error at the edge. */
public final class WireException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The dotted path of the offending field. */
  private final String path;

  /**
   * Creates the exception.
   *
   * @param path the dotted path
   * @param problem what is wrong
   */
  public WireException(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
  }

  /** {@return the dotted path} */
  public String path() {
    return path;
  }
}
