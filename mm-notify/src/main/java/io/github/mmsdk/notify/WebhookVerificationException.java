package io.github.mmsdk.notify;

import io.github.mmsdk.api.MarketMakerException;

/**
 * A received webhook failed verification: missing headers, a bad signature or a stale timestamp.
 */
public class WebhookVerificationException extends MarketMakerException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why the webhook was rejected (never the secret)
   */
  public WebhookVerificationException(String message) {
    super(message);
  }
}
