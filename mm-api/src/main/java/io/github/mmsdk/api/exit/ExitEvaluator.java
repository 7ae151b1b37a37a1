package io.github.mmsdk.api.exit;

/**
 * Decides whether a running grid must be exited. Implementations are thread-safe, do no I/O and
 * read time only from the input.
 */
public interface ExitEvaluator {

  /**
   * Evaluates one grid at one decision time.
   *
   * @param input the regime, grid, price path and history
   * @return the assessment, including the history to persist
   */
  ExitAssessment evaluate(ExitInput input);
}
