package io.github.mmsdk.exchange.kucoin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exchange.CandleStream;
import io.github.mmsdk.api.exchange.ExchangeException;
import io.github.mmsdk.api.exchange.PermanentExchangeException;
import io.github.mmsdk.api.exchange.TransientExchangeException;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.exchange.kucoin.internal.wire.Bullet;
import io.github.mmsdk.exchange.kucoin.internal.wire.Wire;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live closed candles over KuCoin's public WebSocket (KUCOIN_API.md §7).
 *
 * <p>Each subscription owns one connection and one thread. It asks {@code /api/v1/bullet-public}
 * for a new token before every (re)connect, waits for the welcome, subscribes to {@code
 * /market/candles:SYMBOL_type}, and pings at the server's interval (a missing pong drops the link).
 * KuCoin pushes updates of the candle in progress; when an update shows a newer open time, the
 * candles before it have closed, and the subscription loads them from REST, so listeners get the
 * exchange's final values. After a reconnect (dropped link, expired token, error frame) the same
 * REST load fills the gap since the last delivered candle. Candles are delivered strictly after the
 * last one delivered, which makes duplicate and out-of-order frames harmless: no hole, no
 * duplicate.
 */
public final class LiveCandles implements CandleStream {
  private static final Logger LOG = LoggerFactory.getLogger(LiveCandles.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Loads closed candles; the adapter's own paged candles call. */
  @FunctionalInterface
  public interface History {
    /**
     * Closed candles in {@code [from, to)}.
     *
     * @param symbol the pair
     * @param timeframe the interval
     * @param from first open time
     * @param to last open time, exclusive
     * @return the candles
     */
    CandleSeries candles(Symbol symbol, Timeframe timeframe, Instant from, Instant to);
  }

  private final KuCoinConfig config;
  private final Clock clock;
  private final RestClient rest;
  private final History history;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicLong reconnects = new AtomicLong();
  private volatile boolean closed;

  /**
   * Creates the stream.
   *
   * @param config the settings
   * @param clock the clock
   * @param rest the REST client (bullet tokens, server time)
   * @param history the REST candle loader for gap fills
   */
  public LiveCandles(KuCoinConfig config, Clock clock, RestClient rest, History history) {
    this.config = config;
    this.clock = clock;
    this.rest = rest;
    this.history = history;
  }

  @Override
  public Subscription subscribe(Symbol symbol, Timeframe timeframe, Listener listener) {
    if (closed) {
      throw new PermanentExchangeException(
          ErrorClassifier.VENUE, "candle stream", "closed", "the exchange is closed", null);
    }
    rest.syncTimeOnce();
    Session s = new Session(symbol, timeframe, listener);
    sessions.add(s);
    s.start();
    return s;
  }

  /** {@return how many reconnects all subscriptions made} */
  public long reconnects() {
    return reconnects.get();
  }

  /** {@return the stream's health: DEGRADED while a subscription is disconnected} */
  public Health health() {
    long down = sessions.stream().filter(s -> !s.connected).count();
    return new Health.Builder()
        .component("exchange:kucoin:stream")
        .status(down == 0 ? HealthStatus.UP : HealthStatus.DEGRADED)
        .putDetail("subscriptions", Integer.toString(sessions.size()))
        .putDetail("disconnected", Long.toString(down))
        .putDetail("reconnects", Long.toString(reconnects.get()))
        .build();
  }

  /** Closes every subscription. */
  public void close() {
    closed = true;
    for (Session s : List.copyOf(sessions)) {
      s.close();
    }
  }

  private final class Session implements Subscription {
    private final Symbol symbol;
    private final Timeframe tf;
    private final Listener listener;
    private final String topic;
    private final ScheduledExecutorService exec;
    private volatile boolean stopped;
    private volatile boolean connected;
    private long lastDelivered;
    private int failures;
    private Client client;
    private ScheduledFuture<?> pinger;
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();

    Session(Symbol symbol, Timeframe tf, Listener listener) {
      this.symbol = symbol;
      this.tf = tf;
      this.listener = listener;
      this.topic = "/market/candles:" + symbol + "_" + Candles.type(tf);
      this.exec =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "kucoin-ws-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      this.lastDelivered = tf.floorMillis(rest.serverTimeMillis()) - tf.millis();
    }

    void start() {
      exec.execute(this::connect);
    }

    private void connect() {
      if (stopped) {
        return;
      }
      try {
        Bullet b =
            RestClient.decode(
                "candle stream",
                rest.post(
                    "candle stream", "/api/v1/bullet-public", RateBudget.Pool.PUBLIC, 10, false),
                Bullet.class);
        if (b.token() == null || b.instanceServers() == null || b.instanceServers().isEmpty()) {
          throw new TransientExchangeException(
              ErrorClassifier.VENUE, "candle stream", "bullet without server", null, null);
        }
        Bullet.InstanceServer server = b.instanceServers().get(0);
        String connectId = "mm" + ids.incrementAndGet() + "x" + clock.millis();
        Client c =
            new Client(
                URI.create(server.endpoint() + "?token=" + b.token() + "&connectId=" + connectId));
        c.setConnectionLostTimeout(0);
        client = c;
        if (!c.connectBlocking(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
            || !c.welcome.await(config.wsWelcomeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
          c.close();
          throw new TransientExchangeException(
              ErrorClassifier.VENUE, "candle stream", "no welcome from the WebSocket", null, null);
        }
        ObjectNode sub = Wire.MAPPER.createObjectNode();
        sub.put("id", Long.toString(ids.incrementAndGet()));
        sub.put("type", "subscribe");
        sub.put("topic", topic);
        sub.put("privateChannel", false);
        sub.put("response", true);
        c.send(sub.toString());
        connected = true;
        failures = 0;
        unanswered.set(0);
        long interval = Math.max(10, server.pingInterval());
        pinger =
            exec.scheduleWithFixedDelay(() -> ping(c), interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("kucoin stream connected topic={}", topic);
        catchUp(tf.floorMillis(rest.serverTimeMillis()));
      } catch (PermanentExchangeException e) {
        fail(e);
      } catch (ExchangeException e) {
        LOG.info(
            "kucoin stream connect failed topic={} error={}", topic, e.getClass().getSimpleName());
        scheduleReconnect();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.info(
            "kucoin stream connect failed topic={} error={}", topic, e.getClass().getSimpleName());
        scheduleReconnect();
      }
    }

    private void ping(Client c) {
      if (c != client || stopped) {
        return;
      }
      if (unanswered.incrementAndGet() > 3) {
        LOG.info("kucoin stream pong missing topic={}", topic);
        c.close();
        return;
      }
      ObjectNode p = Wire.MAPPER.createObjectNode();
      p.put("id", Long.toString(ids.incrementAndGet()));
      p.put("type", "ping");
      try {
        c.send(p.toString());
      } catch (RuntimeException e) {
        c.close();
      }
      catchUp(tf.floorMillis(rest.serverTimeMillis()));
    }

    /** Delivers every candle that opens before {@code untilOpen} and after the last delivered. */
    private void catchUp(long untilOpen) {
      if (stopped || untilOpen <= lastDelivered + tf.millis()) {
        return;
      }
      CandleSeries s;
      try {
        s =
            history.candles(
                symbol,
                tf,
                Instant.ofEpochMilli(lastDelivered + tf.millis()),
                Instant.ofEpochMilli(untilOpen));
      } catch (PermanentExchangeException e) {
        fail(e);
        return;
      } catch (ExchangeException e) {
        LOG.info(
            "kucoin stream gap fill failed topic={} error={}", topic, e.getClass().getSimpleName());
        return;
      }
      for (int i = 0; i < s.size() && !stopped; i++) {
        if (s.openTimeMillis(i) > lastDelivered) {
          lastDelivered = s.openTimeMillis(i);
          try {
            listener.onCandle(s.candle(i));
          } catch (RuntimeException e) {
            LOG.warn(
                "kucoin stream listener failed topic={} error={}",
                topic,
                e.getClass().getSimpleName());
          }
        }
      }
    }

    private void onFrame(Client c, String text) {
      JsonNode m;
      try {
        m = Wire.MAPPER.readTree(text);
      } catch (java.io.IOException e) {
        LOG.debug("kucoin stream ignored a malformed frame topic={}", topic);
        return;
      }
      String type = m.path("type").asText("");
      switch (type) {
        case "welcome":
          c.welcome.countDown();
          break;
        case "pong":
          unanswered.set(0);
          break;
        case "error":
          LOG.info("kucoin stream error frame topic={} code={}", topic, m.path("code").asText(""));
          c.close();
          break;
        case "message":
          if (topic.equals(m.path("topic").asText())) {
            JsonNode row = m.path("data").path("candles");
            try {
              long open = (long) Candles.parseRow("candle stream", row)[0];
              submit(() -> catchUp(open));
            } catch (PermanentExchangeException e) {
              LOG.debug("kucoin stream ignored a malformed candle topic={}", topic);
            }
          }
          break;
        default:
          break;
      }
    }

    private void onClosed(Client c) {
      if (c != client) {
        return;
      }
      connected = false;
      if (pinger != null) {
        pinger.cancel(false);
      }
      if (!stopped) {
        reconnects.incrementAndGet();
        submit(this::scheduleReconnect);
      }
    }

    private void submit(Runnable task) {
      try {
        exec.execute(task);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        LOG.debug("kucoin stream stopped topic={}", topic);
      }
    }

    private void scheduleReconnect() {
      if (stopped || exec.isShutdown()) {
        return;
      }
      long min = config.wsReconnectMin().toMillis();
      long delay = Math.min(config.wsReconnectMax().toMillis(), min << Math.min(failures, 20));
      failures++;
      try {
        exec.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        LOG.debug("kucoin stream stopped topic={}", topic);
      }
    }

    private void fail(ExchangeException e) {
      LOG.warn("kucoin stream failed topic={} error={}", topic, e.getClass().getSimpleName());
      try {
        listener.onError(e);
      } finally {
        close();
      }
    }

    @Override
    public void close() {
      if (stopped) {
        return;
      }
      stopped = true;
      sessions.remove(this);
      Client c = client;
      if (c != null) {
        c.close();
        for (int i = 0; i < 200 && !c.isClosed(); i++) {
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
      exec.shutdownNow();
    }

    private final class Client extends WebSocketClient {
      final CountDownLatch welcome = new CountDownLatch(1);

      Client(URI uri) {
        super(uri);
      }

      @Override
      public void onOpen(ServerHandshake handshake) {
        LOG.debug("kucoin stream open topic={}", topic);
      }

      @Override
      public void onMessage(String message) {
        onFrame(this, message);
      }

      @Override
      public void onClose(int code, String reason, boolean remote) {
        LOG.info("kucoin stream closed topic={} code={} remote={}", topic, code, remote);
        onClosed(this);
      }

      @Override
      public void onError(Exception ex) {
        LOG.debug(
            "kucoin stream socket error topic={} error={}", topic, ex.getClass().getSimpleName());
      }
    }
  }
}
