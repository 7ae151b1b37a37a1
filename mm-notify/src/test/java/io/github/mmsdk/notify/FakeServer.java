package io.github.mmsdk.notify;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) that records every request and answers from a
 * script: one-shot behaviours queued per path prefix, then a default. Counts the requests it
 * accepted (answered 2xx) per idempotency key, so tests can check "delivered exactly once".
 */
final class FakeServer implements AutoCloseable {

  /** A recorded request. */
  record Request(String method, String path, String query, Headers headers, String body) {
    String header(String name) {
      return headers.getFirst(name);
    }
  }

  /** How the server answers one request. */
  interface Behavior {
    void handle(FakeServer server, HttpExchange exchange, Request request) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Deque<Behavior>> scripts = new HashMap<>();
  private final Map<String, Behavior> defaults = new HashMap<>();
  private final Map<String, Integer> accepted = new HashMap<>();

  FakeServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  URI uri(String path) {
    return uri().resolve(path);
  }

  /** Answers the next requests under the prefix with these behaviours, in order. */
  synchronized FakeServer enqueue(String pathPrefix, Behavior... behaviors) {
    Deque<Behavior> q = scripts.computeIfAbsent(pathPrefix, k -> new ArrayDeque<>());
    for (Behavior b : behaviors) {
      q.add(b);
    }
    return this;
  }

  /** Answers requests under the prefix with this behaviour once the queue is empty. */
  synchronized FakeServer byDefault(String pathPrefix, Behavior behavior) {
    defaults.put(pathPrefix, behavior);
    return this;
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  synchronized List<Request> requests(String pathPrefix) {
    return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
  }

  /** How many requests with this idempotency key were accepted (answered 2xx promptly). */
  synchronized int accepted(String idempotencyKey) {
    return accepted.entrySet().stream()
        .filter(e -> e.getKey().endsWith(" " + idempotencyKey))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  /** How many requests under a path prefix with this idempotency key were accepted. */
  synchronized int accepted(String pathPrefix, String idempotencyKey) {
    return accepted.entrySet().stream()
        .filter(e -> e.getKey().startsWith(pathPrefix) && e.getKey().endsWith(" " + idempotencyKey))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  synchronized int acceptedTotal() {
    return accepted.values().stream().mapToInt(Integer::intValue).sum();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request r =
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders(),
            body);
    Behavior b;
    synchronized (this) {
      requests.add(r);
      b = next(r.path());
    }
    b.handle(this, exchange, r);
  }

  private Behavior next(String path) {
    String best = null;
    for (String prefix : scripts.keySet()) {
      if (path.startsWith(prefix) && !scripts.get(prefix).isEmpty()) {
        if (best == null || prefix.length() > best.length()) {
          best = prefix;
        }
      }
    }
    if (best != null) {
      return scripts.get(best).poll();
    }
    for (Map.Entry<String, Behavior> e : defaults.entrySet()) {
      if (path.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return status(404, "{\"error\":\"no script\"}");
  }

  static Behavior status(int code, String body) {
    return (server, exchange, request) -> {
      if (code >= 200 && code < 300) {
        // processed before the answer goes out, as a real receiver would
        String key = request.header("Idempotency-Key");
        synchronized (server) {
          server.accepted.merge(request.path() + " " + (key == null ? "" : key), 1, Integer::sum);
        }
      }
      respond(exchange, code, body);
    };
  }

  static Behavior ok(String body) {
    return status(200, body);
  }

  /** Never answers in time: sleeps past the client's timeout, then tries to answer 200. */
  static Behavior hang(Duration d) {
    return (server, exchange, request) -> {
      try {
        Thread.sleep(d.toMillis());
        respond(exchange, 200, "{}");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the client gave up: expected
      }
    };
  }

  /** Drops the connection without any response (the client sees a reset / EOF). */
  static Behavior reset() {
    return (server, exchange, request) -> {
      throw new IOException("injected connection reset");
    };
  }

  static void respond(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
