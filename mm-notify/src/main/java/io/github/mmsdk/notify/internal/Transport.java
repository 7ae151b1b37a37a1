package io.github.mmsdk.notify.internal;

import io.github.mmsdk.api.notify.Notification;
import java.io.IOException;

/** Makes one delivery attempt on one channel. */
@FunctionalInterface
public interface Transport {

  /**
   * Sends a notification once.
   *
   * @param notification the notification
   * @return the outcome of the attempt
   * @throws IOException when the channel could not be reached (transient)
   * @throws InterruptedException when interrupted
   */
  Attempt send(Notification notification) throws IOException, InterruptedException;
}
