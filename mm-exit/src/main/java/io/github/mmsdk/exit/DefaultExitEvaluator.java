package io.github.mmsdk.exit;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.InsufficientDataException;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.exit.ExitEvaluator;
import io.github.mmsdk.api.exit.ExitInput;
import io.github.mmsdk.api.exit.ExitState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's {@link ExitEvaluator}: tiered exit states with multi-metric consensus, persistence,
 * hysteresis, a deadline, position risk from the grid simulator and rate-limited, priority-mapped
 * notifications. See {@link ExitSession} for the state machine and {@link ExitConfig} for every
 * threshold.
 *
 * <p>Each call replays the grid over the input's candles (the position needs the price path since
 * the grid started) and evaluates once at the input's decision time. Stateless and thread-safe;
 * does no I/O and reads time only from the input.
 */
public final class DefaultExitEvaluator implements ExitEvaluator {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultExitEvaluator.class);

  private final ExitConfig config;

  /** Creates an evaluator with the default thresholds. */
  public DefaultExitEvaluator() {
    this(ExitConfig.defaults());
  }

  /**
   * Creates an evaluator.
   *
   * @param config the thresholds
   */
  public DefaultExitEvaluator(ExitConfig config) {
    this.config = config;
  }

  /** {@return the thresholds} */
  public ExitConfig config() {
    return config;
  }

  /**
   * {@inheritDoc}
   *
   * @throws InsufficientDataException when the input has no candle
   * @throws io.github.mmsdk.api.InvalidConfigurationException when the history, candles or regime
   *     belong to another grid or symbol, or the decision time is before the last observation
   */
  @Override
  public ExitAssessment evaluate(ExitInput input) {
    CandleSeries candles = input.candles();
    if (candles.isEmpty()) {
      throw new InsufficientDataException("candles for an exit evaluation", 1, 0);
    }
    ExitSession session = ExitSession.start(config, input.grid(), input.history(), candles);
    session.evaluate(input.asOf(), input.regime());
    ExitAssessment a = session.assessment();
    if (a.transition().isPresent()) {
      LOG.info(
          "exit transition grid_id={} from={} to={} as_of={} notify={}",
          a.gridId(),
          a.previous(),
          a.state(),
          a.asOf(),
          a.shouldNotify());
    }
    return a;
  }

  /**
   * The Pushover priority of a state's notification (seed "Notification Priority Mapping").
   *
   * @param state the state
   * @return NORMAL -1, WARNING 0, LATEST_ACCEPTABLE_EXIT 1, MANDATORY_EXIT 2
   */
  public static int priority(ExitState state) {
    switch (state) {
      case WARNING:
        return 0;
      case LATEST_ACCEPTABLE_EXIT:
        return 1;
      case MANDATORY_EXIT:
        return 2;
      default:
        return -1;
    }
  }
}
