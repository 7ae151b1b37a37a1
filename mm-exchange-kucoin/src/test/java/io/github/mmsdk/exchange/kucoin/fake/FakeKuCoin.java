package io.github.mmsdk.exchange.kucoin.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import io.github.mmsdk.api.exchange.MarketData;
import io.github.mmsdk.testkit.exchange.CsvCandles;
import io.github.mmsdk.testkit.exchange.ReplayExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A fake KuCoin on loopback: a JDK {@link HttpServer} speaking KuCoin's REST shapes (envelope,
 * codes, {@code gw-ratelimit-*} headers, candle column order O-C-H-L, newest first, at most 1500
 * rows, inclusive {@code endAt}) and a Java-WebSocket server speaking the public candle protocol
 * (bullet token, welcome, ping/pong, subscribe/ack, candle messages, token expiry). It verifies
 * signatures like KuCoin (timestamp within 5 s of its own clock, HMAC over timestamp + method +
 * path?query + body, signed passphrase for key versions 2/3), serves real candles from {@code
 * ../shared/data} (1h and 4h files; 1d aggregated) as of its clock, including the candle in
 * progress, and injects faults per request.
 */
public final class FakeKuCoin implements AutoCloseable {
  /** A fault for one request. */
  public enum Fault {
    /** HTTP 429 with 429000 and rate-limit headers. */
    RATE_LIMIT,
    /** HTTP 500 with a KuCoin body. */
    ERROR_500,
    /** HTTP 503 with an HTML body. */
    ERROR_503,
    /** No answer for longer than the client's timeout. */
    TIMEOUT,
    /** HTTP 200 with a body that is not JSON. */
    MALFORMED,
    /** HTTP 200 with JSON cut in the middle. */
    TRUNCATED,
    /** The signature is judged wrong (401, 400005). */
    WRONG_SIGNATURE,
    /** The server clock jumps 30 s ahead (the client must re-measure its offset). */
    CLOCK_SKEW
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, CandleSeries> DATA = new ConcurrentHashMap<>();
  private static final Path SHARED = Path.of(System.getProperty("mm.shared.dir", "../../shared"));

  private final Clock baseClock;
  private volatile Duration skew = Duration.ZERO;
  private final HttpServer http;
  private final ExecutorService httpPool;
  private final Ws ws;
  private final Map<String, Key> keys = new ConcurrentHashMap<>();
  private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger served429 = new AtomicInteger();
  private final Map<String, Boolean> tokens = new ConcurrentHashMap<>();
  private final AtomicInteger tokenSeq = new AtomicInteger();
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private volatile long quota = 2000;
  private volatile long windowMs = 30_000;
  private volatile long timeoutSleepMs = 1500;
  private volatile long pingIntervalMs = 18_000;
  private volatile Set<Integer> acceptedKeyVersions = Set.of(1, 2, 3);
  private volatile boolean duplicateFrames;

  private static final class Key {
    final String secret;
    final String passphrase;
    final String permission;
    final String ipWhitelist;

    Key(String secret, String passphrase, String permission, String ipWhitelist) {
      this.secret = secret;
      this.passphrase = passphrase;
      this.permission = permission;
      this.ipWhitelist = ipWhitelist;
    }
  }

  private static final class Window {
    long start;
    long used;
  }

  /**
   * Starts the fake.
   *
   * @param clock the fake's clock (its "server time")
   * @throws IOException when a port cannot be bound
   */
  public FakeKuCoin(Clock clock) throws IOException {
    this.baseClock = clock;
    this.httpPool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-kucoin-http");
              t.setDaemon(true);
              return t;
            });
    this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.setExecutor(httpPool);
    http.createContext("/", this::handle);
    http.start();
    this.ws = new Ws();
    ws.setReuseAddr(true);
    ws.start();
    try {
      if (!ws.started.await(10, TimeUnit.SECONDS)) {
        throw new IOException("fake WebSocket server did not start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /**
   * Loads the 1h and 4h ETH-USDT candles once per JVM, outside any request (others load lazily).
   */
  public static void preload() {
    for (String s : new String[] {"ETH-USDT"}) {
      Symbol sym = known(s);
      if (sym != null) {
        series(sym, Timeframe.H1);
        series(sym, Timeframe.H4);
      }
    }
  }

  /** {@return whether ../shared/data is present} */
  public static boolean dataPresent() {
    return Files.isDirectory(SHARED.resolve("data"));
  }

  /** {@return the shared folder} */
  public static Path shared() {
    return SHARED;
  }

  /** {@return the REST base address} */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  /**
   * Registers an API key.
   *
   * @param key the key
   * @param secret the secret
   * @param passphrase the passphrase
   * @param permission comma-separated KuCoin permissions
   * @param ipWhitelist comma-separated IPs, or {@code null}
   */
  public void addKey(
      String key, String secret, String passphrase, String permission, String ipWhitelist) {
    keys.put(key, new Key(secret, passphrase, permission, ipWhitelist));
  }

  /**
   * Queues faults for the next requests whose path starts with a prefix.
   *
   * @param pathPrefix e.g. {@code /api/v1/market/candles}
   * @param fault the fault
   * @param times how many requests get it
   */
  public void inject(String pathPrefix, Fault fault, int times) {
    Deque<Fault> q = faults.computeIfAbsent(pathPrefix, k -> new ArrayDeque<>());
    synchronized (q) {
      for (int i = 0; i < times; i++) {
        q.add(fault);
      }
    }
  }

  /** Removes every queued fault. */
  public void clearFaults() {
    faults.clear();
  }

  /**
   * Sets the rate-limit quota of every pool.
   *
   * @param limit units per window
   * @param window the window length
   */
  public void quota(long limit, Duration window) {
    this.quota = limit;
    this.windowMs = window.toMillis();
    windows.clear();
  }

  /**
   * Sets how long a TIMEOUT fault stalls.
   *
   * @param d the stall
   */
  public void timeoutStall(Duration d) {
    this.timeoutSleepMs = d.toMillis();
  }

  /**
   * Sets the ping interval the bullet announces.
   *
   * @param d the interval
   */
  public void pingInterval(Duration d) {
    this.pingIntervalMs = d.toMillis();
  }

  /**
   * Sets the key versions the fake accepts.
   *
   * @param versions e.g. {@code Set.of(3)}
   */
  public void acceptKeyVersions(Set<Integer> versions) {
    this.acceptedKeyVersions = versions;
  }

  /**
   * Shifts the server clock.
   *
   * @param d the skew
   */
  public void skew(Duration d) {
    this.skew = d;
  }

  /** {@return every request seen, as {@code METHOD path}} */
  public List<String> requests() {
    return Collections.unmodifiableList(requests);
  }

  /** {@return how many 429s the quota (not a fault) produced} */
  public int served429() {
    return served429.get();
  }

  /** {@return the number of open WebSocket connections} */
  public int openConnections() {
    return ws.getConnections().size();
  }

  /** {@return how many connections subscribed so far} */
  public int subscriptions() {
    return ws.subscribes.get();
  }

  /**
   * Sends every subscriber of a candle topic an update of the candle in progress (and, when
   * duplicates are on, the same frame twice plus an older candle after it).
   *
   * @param symbol the pair
   * @param tf the interval
   */
  public void pushCandle(Symbol symbol, Timeframe tf) {
    long now = now();
    long open = tf.floorMillis(now);
    CandleSeries s = candlesUpTo(symbol, tf, now);
    double[] row = {open / 1000.0, 1, 1, 1, 1, 0, 0};
    if (!s.isEmpty()) {
      int i = s.size() - 1;
      row =
          new double[] {open / 1000.0, s.open(i), s.close(i), s.high(i), s.low(i), s.volume(i), 0};
    }
    String topic = "/market/candles:" + symbol + "_" + type(tf);
    String frame = candleFrame(topic, symbol, (long) row[0], row);
    String older = candleFrame(topic, symbol, (long) row[0] - tf.millis() / 1000, row);
    for (WebSocket c : ws.getConnections()) {
      Set<String> topics = c.getAttachment();
      if (topics != null && topics.contains(topic)) {
        c.send(frame);
        if (duplicateFrames) {
          c.send(frame);
          c.send(older);
        }
      }
    }
  }

  /**
   * Turns duplicate and out-of-order frames on or off.
   *
   * @param on whether to send them
   */
  public void duplicateFrames(boolean on) {
    this.duplicateFrames = on;
  }

  /** Drops every WebSocket connection abruptly. */
  public void dropConnections() {
    for (WebSocket c : ws.getConnections()) {
      c.closeConnection(1006, "dropped by test");
    }
  }

  /** Expires every token issued so far and closes their connections with KuCoin's error frame. */
  public void expireTokens() {
    tokens.replaceAll((k, v) -> Boolean.FALSE);
    for (WebSocket c : ws.getConnections()) {
      c.send("{\"type\":\"error\",\"code\":401,\"data\":\"token is expired\"}");
      c.close(1000, "token expired");
    }
  }

  @Override
  public void close() {
    http.stop(0);
    httpPool.shutdownNow();
    try {
      ws.stop(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- REST

  private long now() {
    return baseClock.millis() + skew.toMillis();
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getRawPath();
      String rawQuery = ex.getRequestURI().getRawQuery();
      String query = rawQuery == null ? "" : URLDecoder.decode(rawQuery, StandardCharsets.UTF_8);
      requests.add(ex.getRequestMethod() + " " + path);
      byte[] bodyBytes = ex.getRequestBody().readAllBytes();
      String body = new String(bodyBytes, StandardCharsets.UTF_8);
      String pool = pool(path);
      Fault f = nextFault(path);
      if (f == Fault.CLOCK_SKEW) {
        skew = skew.plusSeconds(30);
        f = null;
      }
      if (f == Fault.TIMEOUT) {
        sleep(timeoutSleepMs);
        reply(ex, 500, "{\"code\":\"500000\",\"msg\":\"late\"}", pool);
        return;
      }
      if (f == Fault.RATE_LIMIT) {
        ex.getResponseHeaders().add("gw-ratelimit-limit", Long.toString(quota));
        ex.getResponseHeaders().add("gw-ratelimit-remaining", "0");
        ex.getResponseHeaders().add("gw-ratelimit-reset", "50");
        send(ex, 429, "{\"code\":\"429000\",\"msg\":\"Too Many Requests\"}");
        return;
      }
      if (f == Fault.ERROR_500) {
        reply(ex, 500, "{\"code\":\"500000\",\"msg\":\"Internal Server Error\"}", pool);
        return;
      }
      if (f == Fault.ERROR_503) {
        send(ex, 503, "<html><body>Service Unavailable</body></html>");
        return;
      }
      if (f == Fault.MALFORMED) {
        reply(ex, 200, "<html>not json</html>", pool);
        return;
      }
      if (!charge(pool, weight(path))) {
        served429.incrementAndGet();
        reply(ex, 429, "{\"code\":\"429000\",\"msg\":\"Too Many Requests\"}", pool);
        return;
      }
      String signedPath = path + (query.isEmpty() ? "" : "?" + query);
      boolean needsAuth = isPrivate(path);
      Key key = null;
      if (needsAuth) {
        String err = verify(ex, signedPath, body, f == Fault.WRONG_SIGNATURE);
        if (err != null) {
          reply(
              ex,
              err.startsWith("400004") || err.startsWith("400005") ? 401 : 400,
              error(err),
              pool);
          return;
        }
        key = keys.get(ex.getRequestHeaders().getFirst("KC-API-KEY"));
      }
      String answer = route(ex.getRequestMethod(), path, params(query), key);
      if (f == Fault.TRUNCATED) {
        answer = answer.substring(0, Math.max(1, answer.length() / 2));
      }
      reply(
          ex,
          answer.contains("\"code\":\"200000\"") || f == Fault.TRUNCATED ? 200 : 400,
          answer,
          pool);
    } catch (RuntimeException e) {
      send(
          ex,
          500,
          "{\"code\":\"500000\",\"msg\":\"fake failure " + e.getClass().getSimpleName() + "\"}");
    }
  }

  private Fault nextFault(String path) {
    for (Map.Entry<String, Deque<Fault>> e : faults.entrySet()) {
      if (path.startsWith(e.getKey())) {
        Deque<Fault> q = e.getValue();
        synchronized (q) {
          Fault f = q.poll();
          if (f != null) {
            return f;
          }
        }
      }
    }
    return null;
  }

  private static boolean isPrivate(String path) {
    return path.startsWith("/api/v1/accounts")
        || path.startsWith("/api/v1/user")
        || path.startsWith("/api/v1/hf")
        || path.startsWith("/api/v1/bullet-private");
  }

  private static String pool(String path) {
    if (path.startsWith("/api/v1/accounts") || path.startsWith("/api/v1/user")) {
      return "management";
    }
    if (path.startsWith("/api/v1/hf") || path.startsWith("/api/v1/bullet-private")) {
      return "spot";
    }
    return "public";
  }

  private static int weight(String path) {
    if (path.startsWith("/api/v1/market/stats")) {
      return 15;
    }
    if (path.startsWith("/api/v1/user/api-key")) {
      return 20;
    }
    if (path.startsWith("/api/v1/bullet")) {
      return 10;
    }
    return 3;
  }

  private synchronized boolean charge(String pool, int weight) {
    long t = System.nanoTime() / 1_000_000;
    Window w = windows.computeIfAbsent(pool, k -> new Window());
    if (w.start == 0 || t - w.start >= windowMs) {
      w.start = t;
      w.used = 0;
    }
    if (w.used + weight > quota) {
      return false;
    }
    w.used += weight;
    return true;
  }

  private synchronized void rateHeaders(HttpExchange ex, String pool) {
    long t = System.nanoTime() / 1_000_000;
    Window w = windows.computeIfAbsent(pool, k -> new Window());
    long reset = w.start == 0 ? windowMs : Math.max(0, windowMs - (t - w.start));
    ex.getResponseHeaders().add("gw-ratelimit-limit", Long.toString(quota));
    ex.getResponseHeaders()
        .add("gw-ratelimit-remaining", Long.toString(Math.max(0, quota - w.used)));
    ex.getResponseHeaders().add("gw-ratelimit-reset", Long.toString(reset));
  }

  private String verify(HttpExchange ex, String signedPath, String body, boolean forceWrongSign) {
    var h = ex.getRequestHeaders();
    String apiKey = h.getFirst("KC-API-KEY");
    String sign = h.getFirst("KC-API-SIGN");
    String ts = h.getFirst("KC-API-TIMESTAMP");
    String pass = h.getFirst("KC-API-PASSPHRASE");
    String version = h.getFirst("KC-API-KEY-VERSION");
    if (apiKey == null || sign == null || ts == null || pass == null) {
      return "400001 Please check the header of your request for KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP, KC-API-PASSPHRASE";
    }
    Key key = keys.get(apiKey);
    if (key == null) {
      return "400003 KC-API-KEY not exists";
    }
    long t;
    try {
      t = Long.parseLong(ts);
    } catch (NumberFormatException e) {
      return "400002 Invalid KC-API-TIMESTAMP";
    }
    if (Math.abs(t - now()) > 5000) {
      return "400002 Invalid KC-API-TIMESTAMP";
    }
    int v;
    try {
      v = Integer.parseInt(version == null ? "1" : version);
    } catch (NumberFormatException e) {
      return "400009 Invalid KC-API-KEY-VERSION";
    }
    if (!acceptedKeyVersions.contains(v)) {
      return "400008 V1 & V2 API keys are no longer supported by this API. Please create a V3 API key.";
    }
    String expectedPass = v >= 2 ? hmac(key.secret, key.passphrase) : key.passphrase;
    if (!expectedPass.equals(pass)) {
      return "400004 Invalid KC-API-PASSPHRASE";
    }
    String expected = hmac(key.secret, ts + ex.getRequestMethod() + signedPath + body);
    if (forceWrongSign || !expected.equals(sign)) {
      return "400005 Invalid KC-API-SIGN";
    }
    return null;
  }

  /**
   * base64(HMAC-SHA256(secret, message)), computed independently of the adapter.
   *
   * @param secret the key
   * @param message the message
   * @return the signature
   */
  public static String hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> params(String query) {
    Map<String, String> m = new LinkedHashMap<>();
    if (!query.isEmpty()) {
      for (String p : query.split("&")) {
        int i = p.indexOf('=');
        m.put(i < 0 ? p : p.substring(0, i), i < 0 ? "" : p.substring(i + 1));
      }
    }
    return m;
  }

  private String route(String method, String path, Map<String, String> q, Key key) {
    long now = now();
    switch (path) {
      case "/api/v1/timestamp":
        return "{\"code\":\"200000\",\"msg\":\"success\",\"data\":" + now + "}";
      case "/api/v1/market/candles":
        return candles(q, now);
      case "/api/v1/market/orderbook/level1":
        return level1(q, now);
      case "/api/v1/market/stats":
        return stats(q, now);
      case "/api/v1/accounts":
        return "{\"code\":\"200000\",\"data\":["
            + "{\"id\":\"1\",\"currency\":\"USDT\",\"type\":\"trade\",\"balance\":\"1000.5\",\"available\":\"900.5\",\"holds\":\"100\"},"
            + "{\"id\":\"2\",\"currency\":\"USDT\",\"type\":\"main\",\"balance\":\"0.5\",\"available\":\"0.5\",\"holds\":\"0\"},"
            + "{\"id\":\"3\",\"currency\":\"ETH\",\"type\":\"trade\",\"balance\":\"2\",\"available\":\"2\",\"holds\":\"0\"}]}";
      case "/api/v1/user/api-key":
        ObjectNode d = JSON.createObjectNode();
        d.put("remark", "test");
        d.put("apiVersion", 3);
        d.put("permission", key.permission);
        if (key.ipWhitelist != null) {
          d.put("ipWhitelist", key.ipWhitelist);
        }
        d.put("createdAt", 1728443843000L);
        d.put("uid", 165111215);
        d.put("isMaster", true);
        return envelope(d);
      case "/api/v1/hf/orders/active":
        return hfOrders(q);
      case "/api/v1/hf/fills":
        return hfFills(q);
      case "/api/v1/bullet-public":
        if (!"POST".equals(method)) {
          return error("400100 Invalid Parameter.");
        }
        String token = "tok-" + tokenSeq.incrementAndGet();
        tokens.put(token, Boolean.TRUE);
        return "{\"code\":\"200000\",\"data\":{\"token\":\""
            + token
            + "\",\"instanceServers\":[{\"endpoint\":\"ws://127.0.0.1:"
            + ws.getPort()
            + "/\",\"encrypt\":false,\"protocol\":\"websocket\",\"pingInterval\":"
            + pingIntervalMs
            + ",\"pingTimeout\":"
            + Math.max(pingIntervalMs, 100)
            + "}]}}";
      default:
        if (path.startsWith("/api/v2/symbols/")) {
          return symbol(path.substring("/api/v2/symbols/".length()));
        }
        return error("400100 Invalid Parameter.");
    }
  }

  private static String error(String codeAndMsg) {
    int i = codeAndMsg.indexOf(' ');
    ObjectNode n = JSON.createObjectNode();
    n.put("code", codeAndMsg.substring(0, i));
    n.put("msg", codeAndMsg.substring(i + 1));
    return n.toString();
  }

  private static String envelope(JsonNode data) {
    ObjectNode n = JSON.createObjectNode();
    n.put("code", "200000");
    n.set("data", data);
    return n.toString();
  }

  private static Symbol known(String s) {
    try {
      Symbol sym = Symbol.parse(s);
      return Files.exists(SHARED.resolve("data").resolve(sym + "_1h_kucoin.csv")) ? sym : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  static String type(Timeframe tf) {
    switch (tf) {
      case M1:
        return "1min";
      case M5:
        return "5min";
      case M15:
        return "15min";
      case H1:
        return "1hour";
      case H4:
        return "4hour";
      default:
        return "1day";
    }
  }

  private static Timeframe timeframe(String type) {
    for (Timeframe t : Timeframe.values()) {
      if (type(t).equals(type)) {
        return t;
      }
    }
    return null;
  }

  private static CandleSeries series(Symbol s, Timeframe tf) {
    return DATA.computeIfAbsent(
        s + "_" + tf.label(),
        k -> {
          if (tf == Timeframe.H1 || tf == Timeframe.H4) {
            return CsvCandles.read(
                SHARED.resolve("data").resolve(s + "_" + tf.label() + "_kucoin.csv"));
          }
          if (tf == Timeframe.D1) {
            ReplayExchange r =
                ReplayExchange.of(
                    Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), java.time.ZoneOffset.UTC),
                    series(s, Timeframe.H1));
            return r.candles(s, Timeframe.D1, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
          }
          return CandleSeries.empty(s, tf);
        });
  }

  /** Candles with open time at or before {@code now} (the last one may be in progress). */
  private static CandleSeries candlesUpTo(Symbol s, Timeframe tf, long now) {
    CandleSeries all = series(s, tf);
    return all.between(Instant.EPOCH, Instant.ofEpochMilli(now + 1));
  }

  private String candles(Map<String, String> q, long now) {
    Symbol s = known(q.getOrDefault("symbol", ""));
    Timeframe tf = timeframe(q.getOrDefault("type", ""));
    if (s == null || tf == null) {
      return error("400100 Unsupported trading pair or type.");
    }
    long startMs = Long.parseLong(q.getOrDefault("startAt", "0")) * 1000;
    long endMs = Long.parseLong(q.getOrDefault("endAt", "0")) * 1000;
    CandleSeries all =
        candlesUpTo(s, tf, now)
            .between(Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(endMs + 1));
    int from = Math.max(0, all.size() - 1500);
    ArrayNode data = JSON.createArrayNode();
    for (int i = all.size() - 1; i >= from; i--) {
      ArrayNode row = data.addArray();
      row.add(Long.toString(all.openTimeMillis(i) / 1000));
      row.add(num(all.open(i)));
      row.add(num(all.close(i)));
      row.add(num(all.high(i)));
      row.add(num(all.low(i)));
      row.add(num(all.volume(i)));
      row.add(num(all.volume(i) * all.close(i)));
    }
    return envelope(data);
  }

  private static String num(double d) {
    return java.math.BigDecimal.valueOf(d).toPlainString();
  }

  private MarketData market(Symbol s, long now) {
    ReplayExchange r =
        ReplayExchange.of(
            Clock.fixed(Instant.ofEpochMilli(now), java.time.ZoneOffset.UTC),
            series(s, Timeframe.H1));
    return r.marketData(s);
  }

  private String level1(Map<String, String> q, long now) {
    Symbol s = known(q.getOrDefault("symbol", ""));
    if (s == null) {
      return "{\"code\":\"200000\",\"data\":null}";
    }
    MarketData m = market(s, now);
    ObjectNode d = JSON.createObjectNode();
    d.put("time", now);
    d.put("sequence", "14609309753");
    d.put("price", m.lastPrice().toPlainString());
    d.put("size", "0.01");
    d.put("bestBid", m.lastPrice().subtract(new java.math.BigDecimal("0.01")).toPlainString());
    d.put("bestBidSize", "1");
    d.put("bestAsk", m.lastPrice().add(new java.math.BigDecimal("0.01")).toPlainString());
    d.put("bestAskSize", "1");
    return envelope(d);
  }

  private String stats(Map<String, String> q, long now) {
    Symbol s = known(q.getOrDefault("symbol", ""));
    if (s == null) {
      return error("900001 symbol not exists");
    }
    MarketData m = market(s, now);
    ObjectNode d = JSON.createObjectNode();
    d.put("time", now);
    d.put("symbol", s.toString());
    d.put("changeRate", num(m.change24hPct() / 100.0));
    d.put("vol", m.volume24h().toPlainString());
    d.put("last", m.lastPrice().toPlainString());
    d.put("takerFeeRate", "0.001");
    d.put("makerFeeRate", "0.001");
    d.put("takerCoefficient", "1");
    d.put("makerCoefficient", "0.5");
    return envelope(d);
  }

  private String symbol(String sym) {
    Symbol s = known(sym);
    if (s == null) {
      return error("900001 symbol not exists");
    }
    try {
      ObjectNode n =
          (ObjectNode)
              JSON.readTree(SHARED.resolve("kucoin/fixtures/symbol_btc_usdt.json").toFile());
      ObjectNode d = (ObjectNode) n.get("data");
      d.put("symbol", s.toString());
      d.put("name", s.toString());
      d.put("baseCurrency", s.base());
      d.put("quoteCurrency", s.quote());
      return n.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String hfOrders(Map<String, String> q) {
    try {
      ObjectNode n =
          (ObjectNode)
              JSON.readTree(SHARED.resolve("kucoin/fixtures/hf_orders_active.json").toFile());
      for (JsonNode o : n.get("data")) {
        ((ObjectNode) o).put("symbol", q.getOrDefault("symbol", "BTC-USDT"));
      }
      return n.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fake account's fills: 250 trades, one every 10 minutes from {@link #FILLS_START}. */
  public static final Instant FILLS_START = Instant.parse("2026-02-27T00:00:00Z");

  private String hfFills(Map<String, String> q) {
    String symbol = q.get("symbol");
    if (symbol == null) {
      return error("400100 symbol is required");
    }
    long start = Long.parseLong(q.getOrDefault("startAt", "0"));
    long end = Long.parseLong(q.getOrDefault("endAt", Long.toString(Long.MAX_VALUE)));
    long lastId = Long.parseLong(q.getOrDefault("lastId", Long.toString(Long.MAX_VALUE)));
    int limit = Math.min(100, Integer.parseInt(q.getOrDefault("limit", "20")));
    ArrayNode items = JSON.createArrayNode();
    long last = 0;
    for (int i = 249; i >= 0 && items.size() < limit; i--) {
      long id = 19814995255000L + i;
      long at = FILLS_START.toEpochMilli() + i * 600_000L;
      if (id >= lastId || at < start || at > end) {
        continue;
      }
      ObjectNode f = items.addObject();
      f.put("id", id);
      f.put("orderId", "order-" + i);
      f.put("symbol", symbol);
      f.put("side", i % 2 == 0 ? "buy" : "sell");
      f.put("liquidity", i % 3 == 0 ? "taker" : "maker");
      f.put("type", "limit");
      f.put("price", "2000." + i);
      f.put("size", "0.01");
      f.put("funds", "20");
      f.put("fee", "0.02");
      f.put("feeCurrency", "USDT");
      f.put("createdAt", at);
      last = id;
    }
    ObjectNode d = JSON.createObjectNode();
    d.set("items", items);
    d.put("lastId", last);
    return envelope(d);
  }

  private void reply(HttpExchange ex, int status, String body, String pool) throws IOException {
    rateHeaders(ex, pool);
    send(ex, status, body);
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(b);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String candleFrame(String topic, Symbol symbol, long openSec, double[] row) {
    ObjectNode n = JSON.createObjectNode();
    n.put("topic", topic);
    n.put("type", "message");
    n.put("subject", "trade.candles.update");
    ObjectNode d = n.putObject("data");
    d.put("symbol", symbol.toString());
    ArrayNode c = d.putArray("candles");
    c.add(Long.toString(openSec));
    for (int i = 1; i < 7; i++) {
      c.add(num(row[i]));
    }
    d.put("time", openSec * 1_000_000_000L);
    return n.toString();
  }

  // ---------------------------------------------------------------- WebSocket

  private final class Ws extends WebSocketServer {
    final CountDownLatch started = new CountDownLatch(1);
    final AtomicInteger subscribes = new AtomicInteger();

    Ws() {
      super(new InetSocketAddress("127.0.0.1", 0));
    }

    @Override
    public void onStart() {
      started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      Map<String, String> q = new HashMap<>();
      String res = handshake.getResourceDescriptor();
      int i = res.indexOf('?');
      if (i >= 0) {
        q.putAll(params(URLDecoder.decode(res.substring(i + 1), StandardCharsets.UTF_8)));
      }
      String token = q.get("token");
      if (token == null || !Boolean.TRUE.equals(tokens.get(token))) {
        conn.send("{\"type\":\"error\",\"code\":401,\"data\":\"token is expired\"}");
        conn.close(1000, "bad token");
        return;
      }
      conn.setAttachment(ConcurrentHashMap.newKeySet());
      conn.send("{\"id\":\"" + q.getOrDefault("connectId", "x") + "\",\"type\":\"welcome\"}");
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
      JsonNode m;
      try {
        m = JSON.readTree(message);
      } catch (IOException e) {
        return;
      }
      String type = m.path("type").asText();
      String id = m.path("id").asText();
      if ("ping".equals(type)) {
        conn.send("{\"id\":\"" + id + "\",\"type\":\"pong\"}");
      } else if ("subscribe".equals(type)) {
        Set<String> topics = conn.getAttachment();
        if (topics != null) {
          topics.add(m.path("topic").asText());
          subscribes.incrementAndGet();
        }
        if (m.path("response").asBoolean(false)) {
          conn.send("{\"id\":\"" + id + "\",\"type\":\"ack\"}");
        }
      }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onError(WebSocket conn, Exception ex) {}
  }

  /**
   * A list of the open-time seconds in a candles answer, for tests.
   *
   * @param answer the body
   * @return the open times
   * @throws IOException when it is not JSON
   */
  public static List<Long> openTimes(String answer) throws IOException {
    List<Long> out = new ArrayList<>();
    for (JsonNode row : JSON.readTree(answer).get("data")) {
      out.add(row.get(0).asLong());
    }
    return out;
  }
}
