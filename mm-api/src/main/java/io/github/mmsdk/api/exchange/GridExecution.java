package io.github.mmsdk.api.exchange;

/**
 * The optional capability to run grids through the exchange's API. KuCoin does not offer it for
 * spot grids (a human executes); simulated exchanges do.
 */
public interface GridExecution {

  /**
   * Executes a command at most once per idempotency key.
   *
   * @param command the command
   * @return what happened, {@link GridCommandResult.Status#ALREADY_EXECUTED} for a repeated key
   * @throws ExchangeException when the exchange cannot answer
   */
  GridCommandResult execute(GridCommand command);
}
