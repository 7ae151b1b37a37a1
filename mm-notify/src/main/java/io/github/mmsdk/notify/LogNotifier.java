package io.github.mmsdk.notify;

import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.notify.Notification;
import io.github.mmsdk.api.notify.NotificationPriority;
import io.github.mmsdk.api.notify.Notifier;
import io.github.mmsdk.notify.internal.Rendering;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes notifications to the log (SLF4J logger {@code io.github.mmsdk.notify.LogNotifier}): WARN
 * for high and emergency priorities, INFO otherwise, with id, kind, priority, title and the
 * rendered text. The fallback channel when nothing else is configured (seed 001: "log notifications
 * if the API is unavailable"). Each id is logged once.
 */
public final class LogNotifier implements Notifier {
  /** The channel name in reports. */
  public static final String CHANNEL = "log";

  private static final Logger LOG = LoggerFactory.getLogger(LogNotifier.class);
  private static final int REMEMBERED_IDS = 10_000;
  private static final String MESSAGE =
      "notification notification_id={} kind={} priority={} title=\"{}\" text=\"{}\"";

  private final Clock clock;
  private final Set<String> seen =
      Collections.newSetFromMap(
          new LinkedHashMap<String, Boolean>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > REMEMBERED_IDS;
            }
          });
  private boolean closed;

  /**
   * Creates a log notifier.
   *
   * @param clock the clock for reports
   */
  public LogNotifier(Clock clock) {
    this.clock = clock;
  }

  @Override
  public DeliveryReport deliver(Notification n) {
    String skip = null;
    synchronized (seen) {
      if (closed) {
        skip = "notifier closed";
      } else if (!seen.add(n.id())) {
        skip = "duplicate: already delivered on " + CHANNEL;
      }
    }
    if (skip != null) {
      return new DeliveryReport.Builder()
          .notificationId(n.id())
          .channel(CHANNEL)
          .status(DeliveryReport.Status.SKIPPED)
          .attempts(0)
          .at(clock.instant())
          .error(skip)
          .build();
    }
    Object[] args = {
      n.id(), n.kind(), n.priority(), n.title(), Rendering.plainBody(n).replace('\n', ' ')
    };
    if (n.priority().value() >= NotificationPriority.HIGH.value()) {
      LOG.warn(MESSAGE, args);
    } else {
      LOG.info(MESSAGE, args);
    }
    return Notifier.delivered(n, CHANNEL, 1, clock.instant());
  }

  @Override
  public Health health() {
    synchronized (seen) {
      return closed
          ? Health.down("notifier:" + CHANNEL, "closed")
          : Health.up("notifier:" + CHANNEL);
    }
  }

  @Override
  public void close() {
    synchronized (seen) {
      closed = true;
    }
  }

  @Override
  public String toString() {
    return "LogNotifier";
  }
}
