package io.github.mmsdk.notify;

import static io.github.mmsdk.notify.Fixtures.T0;

import io.github.mmsdk.api.notify.Notifier;
import io.github.mmsdk.testkit.notify.NotifierContract;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up the HTTP notifier ITs share: a fresh loopback {@link FakeServer} per test, a mutable
 * clock at {@link Fixtures#T0}, and the notifiers a test created, closed before the server.
 *
 * @param <N> the notifier type
 */
abstract class HttpNotifierFixture<N extends Notifier> extends NotifierContract {
  FakeServer server;
  final Fixtures.MutableClock clock = new Fixtures.MutableClock(T0);
  final List<N> toClose = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new FakeServer();
  }

  @AfterEach
  void stop() {
    toClose.forEach(Notifier::close);
    server.close();
  }
}
