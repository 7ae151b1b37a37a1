package io.github.mmsdk.exchange.kucoin.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.github.mmsdk.api.exchange.AuthenticationException;
import io.github.mmsdk.api.exchange.ExchangeException;
import io.github.mmsdk.api.exchange.PermanentExchangeException;
import io.github.mmsdk.api.exchange.RateLimitedException;
import io.github.mmsdk.api.exchange.TransientExchangeException;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.health.HealthStatus;
import io.github.mmsdk.exchange.kucoin.internal.wire.Wire;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KuCoin REST over {@link HttpClient}: envelope decoding, signing with a measured server-time
 * offset, the rate budget, and Failsafe resilience. A call goes through a circuit breaker
 * (outermost: it counts calls that failed after their retries, and opens after {@code
 * breaker_failures} in a row for {@code breaker_open_ms} measured on the injected clock), then a
 * retry policy (exponential backoff with jitter on transient failures, the rate-limit reset for
 * 429s), then one HTTP attempt bounded by the call timeout.
 */
public final class RestClient {
  private static final Logger LOG = LoggerFactory.getLogger(RestClient.class);
  private static final String VENUE = ErrorClassifier.VENUE;

  private final KuCoinConfig config;
  private final Clock clock;
  private final HttpClient http;
  private final RateBudget budget;
  private final Optional<Signer> signer;
  private final CircuitBreaker<Object> breaker;
  private final FailsafeExecutor<Object> executor;
  private volatile Instant openedAt = Instant.EPOCH;
  private volatile long offsetMillis;
  private volatile boolean timeSynced;
  private volatile Instant lastSuccess;
  private volatile String lastError = "";
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  /**
   * Creates a client.
   *
   * @param config the settings
   * @param clock the clock for timestamps, budgets and the circuit
   * @param sleeper how the rate budget waits
   * @param http the HTTP client
   */
  public RestClient(KuCoinConfig config, Clock clock, Sleeper sleeper, HttpClient http) {
    this.config = config;
    this.clock = clock;
    this.http = http;
    this.budget = new RateBudget(clock, sleeper);
    this.signer = config.credentials.map(c -> new Signer(c, config.keyVersion));
    RetryPolicy<Object> retry =
        RetryPolicy.builder()
            .handleIf(e -> e instanceof TransientExchangeException)
            .withMaxAttempts(config.retryAttempts)
            .withBackoff(config.retryMinDelay, config.retryMaxDelay)
            .withJitter(config.retryJitter)
            .withDelayFnOn(
                ctx -> {
                  RateLimitedException e = ctx.getLastException();
                  Duration d = e.retryAfter().orElse(config.retryMinDelay);
                  return d.compareTo(config.retryMaxDelay) > 0 ? config.retryMaxDelay : d;
                },
                RateLimitedException.class)
            .onRetry(
                ev -> {
                  retries.incrementAndGet();
                  LOG.info(
                      "kucoin retry attempt={} error={}",
                      ev.getAttemptCount(),
                      ev.getLastException() == null
                          ? "result"
                          : ev.getLastException().getClass().getSimpleName());
                })
            .build();
    this.breaker =
        CircuitBreaker.builder()
            .handleIf(
                e ->
                    e instanceof TransientExchangeException && !(e instanceof RateLimitedException))
            .withFailureThreshold(config.breakerFailures)
            .withSuccessThreshold(1)
            .withDelay(Duration.ofDays(3650))
            .onOpen(
                ev -> {
                  openedAt = clock.instant();
                  LOG.warn(
                      "kucoin circuit open failures={} openFor={}",
                      config.breakerFailures,
                      config.breakerOpen);
                })
            .onClose(ev -> LOG.info("kucoin circuit closed"))
            .build();
    this.executor = Failsafe.with(breaker, retry);
  }

  /** {@return whether requests can be signed} */
  public boolean hasCredentials() {
    return signer.isPresent();
  }

  /** {@return the rate budget} */
  public RateBudget budget() {
    return budget;
  }

  /** {@return the circuit breaker's state name: CLOSED, OPEN or HALF_OPEN} */
  public String circuitState() {
    return breaker.getState().name();
  }

  /** {@return how many retries were taken so far} */
  public long retries() {
    return retries.get();
  }

  /** {@return the current server time estimate: the clock plus the measured offset} */
  public long serverTimeMillis() {
    return clock.millis() + offsetMillis;
  }

  /** {@return the measured offset of the server clock to ours, in ms} */
  public long offsetMillis() {
    return offsetMillis;
  }

  /**
   * A public GET.
   *
   * @param op the operation name
   * @param path the endpoint path
   * @param query the query parameters in order
   * @param pool the rate-limit pool
   * @param weight the endpoint's weight
   * @return the envelope's {@code data}
   */
  public JsonNode get(
      String op, String path, Map<String, String> query, RateBudget.Pool pool, int weight) {
    return call(new Req(op, "GET", path, query, "", pool, weight, false));
  }

  /**
   * A signed GET.
   *
   * @param op the operation name
   * @param path the endpoint path
   * @param query the query parameters in order
   * @param pool the rate-limit pool
   * @param weight the endpoint's weight
   * @return the envelope's {@code data}
   */
  public JsonNode signedGet(
      String op, String path, Map<String, String> query, RateBudget.Pool pool, int weight) {
    return call(new Req(op, "GET", path, query, "", pool, weight, true));
  }

  /**
   * A POST with an empty JSON body.
   *
   * @param op the operation name
   * @param path the endpoint path
   * @param pool the rate-limit pool
   * @param weight the endpoint's weight
   * @param signed whether to sign
   * @return the envelope's {@code data}
   */
  public JsonNode post(String op, String path, RateBudget.Pool pool, int weight, boolean signed) {
    return call(new Req(op, "POST", path, Map.of(), "", pool, weight, signed));
  }

  /**
   * Binds {@code data} to a wire type.
   *
   * @param <T> the type
   * @param op the operation, for the error
   * @param data the envelope's data
   * @param type the wire type
   * @return the value
   * @throws PermanentExchangeException when the shape does not fit
   */
  public static <T> T decode(String op, JsonNode data, JavaType type) {
    if (data == null || data.isNull() || data.isMissingNode()) {
      throw new PermanentExchangeException(VENUE, op, "no_data", "the answer has no data", null);
    }
    try {
      return Wire.MAPPER.convertValue(data, type);
    } catch (IllegalArgumentException e) {
      throw new PermanentExchangeException(
          VENUE, op, "malformed", "unexpected answer shape: " + e.getClass().getSimpleName(), null);
    }
  }

  /**
   * Binds {@code data} to a wire class.
   *
   * @param <T> the type
   * @param op the operation, for the error
   * @param data the envelope's data
   * @param type the wire class
   * @return the value
   */
  public static <T> T decode(String op, JsonNode data, Class<T> type) {
    return decode(op, data, Wire.MAPPER.constructType(type));
  }

  /** Measures the server-time offset with {@code GET /api/v1/timestamp}. */
  public void syncTime() {
    long t0 = clock.millis();
    JsonNode data =
        attempt(
            new Req(
                "server time",
                "GET",
                "/api/v1/timestamp",
                Map.of(),
                "",
                RateBudget.Pool.PUBLIC,
                3,
                false),
            true);
    long t1 = clock.millis();
    if (!data.canConvertToLong()) {
      throw new PermanentExchangeException(
          VENUE, "server time", "malformed", "server time is not a number", null);
    }
    offsetMillis = data.asLong() - (t0 + t1) / 2;
    timeSynced = true;
    LOG.debug("kucoin server time offsetMs={}", offsetMillis);
  }

  /** Measures the server-time offset once, ignoring failures (the offset then stays 0). */
  public void syncTimeOnce() {
    if (!timeSynced) {
      try {
        syncTime();
      } catch (ExchangeException e) {
        timeSynced = true;
        LOG.warn("kucoin server time unavailable error={}", e.getClass().getSimpleName());
      }
    }
  }

  /**
   * The client's health: UP, DEGRADED while the last call failed or the circuit is not closed.
   *
   * @return the health
   */
  public Health health() {
    HealthStatus status = HealthStatus.UP;
    if (!breaker.isClosed() || !lastError.isEmpty()) {
      status = HealthStatus.DEGRADED;
    }
    Health.Builder b =
        new Health.Builder()
            .component("exchange:kucoin")
            .status(status)
            .putDetail("circuit", breaker.getState().name())
            .putDetail("calls", Long.toString(calls.get()))
            .putDetail("retries", Long.toString(retries.get()))
            .putDetail("server_offset_ms", Long.toString(offsetMillis))
            .putAllDetails(budget.snapshot());
    if (!lastError.isEmpty()) {
      b.putDetail("last_error", lastError);
    }
    if (lastSuccess != null) {
      b.lastSuccess(lastSuccess);
    }
    return b.build();
  }

  private JsonNode call(Req r) {
    if (breaker.isOpen() && !clock.instant().isBefore(openedAt.plus(config.breakerOpen))) {
      breaker.halfOpen();
    }
    calls.incrementAndGet();
    try {
      JsonNode data = executor.get(() -> attempt(r, false));
      lastSuccess = clock.instant();
      lastError = "";
      return data;
    } catch (CircuitBreakerOpenException e) {
      Duration left = Duration.between(clock.instant(), openedAt.plus(config.breakerOpen));
      lastError = "circuit_open";
      throw new TransientExchangeException(
          VENUE,
          r.op,
          "circuit breaker open after "
              + config.breakerFailures
              + " consecutive failures; retry in "
              + left,
          left.isNegative() ? Duration.ZERO : left,
          null);
    } catch (ExchangeException e) {
      lastError = e.getClass().getSimpleName();
      throw e;
    } catch (FailsafeException e) {
      lastError = "interrupted";
      throw new TransientExchangeException(
          VENUE, r.op, "call interrupted: " + e.getClass().getSimpleName(), null, null);
    }
  }

  private JsonNode attempt(Req r, boolean resynced) {
    budget.acquire(r.pool, r.weight);
    String pathAndQuery = r.path + query(r.query, false);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(config.base + r.path + query(r.query, true)))
            .timeout(config.callTimeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json");
    if (r.signed) {
      if (signer.isEmpty()) {
        throw new AuthenticationException(
            VENUE, r.op, "no_credentials", "this call needs an API key; none is configured");
      }
      if (!timeSynced) {
        syncTime();
      }
      signer.get().headers(serverTimeMillis(), r.method, pathAndQuery, r.body).forEach(b::header);
    }
    if ("POST".equals(r.method)) {
      b.POST(HttpRequest.BodyPublishers.ofString(r.body));
    } else {
      b.GET();
    }
    long t0 = clock.millis();
    HttpResponse<String> resp;
    try {
      resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      LOG.info("kucoin call op={} path={} outcome=timeout", r.op, r.path);
      throw new TransientExchangeException(
          VENUE, r.op, "no answer within " + config.callTimeout, null, null);
    } catch (IOException e) {
      LOG.info(
          "kucoin call op={} path={} outcome=io_error error={}",
          r.op,
          r.path,
          e.getClass().getSimpleName());
      throw new TransientExchangeException(
          VENUE, r.op, "network failure: " + e.getClass().getSimpleName(), null, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientExchangeException(VENUE, r.op, "interrupted", null, null);
    }
    long ms = clock.millis() - t0;
    budget.update(r.pool, resp.headers());
    int status = resp.statusCode();
    JsonNode root;
    try {
      root = Wire.MAPPER.readTree(resp.body());
    } catch (JsonEOFException e) {
      LOG.info(
          "kucoin call op={} path={} status={} outcome=truncated ms={}", r.op, r.path, status, ms);
      throw new TransientExchangeException(
          VENUE, r.op, "truncated answer (HTTP " + status + ")", null, null);
    } catch (JsonProcessingException e) {
      String m = String.valueOf(e.getOriginalMessage());
      if (m.contains("end-of-input")) {
        LOG.info(
            "kucoin call op={} path={} status={} outcome=truncated ms={}",
            r.op,
            r.path,
            status,
            ms);
        throw new TransientExchangeException(
            VENUE, r.op, "truncated answer (HTTP " + status + ")", null, null);
      }
      root = null;
    }
    if (root == null || !root.isObject() || !root.hasNonNull("code")) {
      LOG.info(
          "kucoin call op={} path={} status={} outcome=not_json ms={}", r.op, r.path, status, ms);
      if (status == 200) {
        throw new PermanentExchangeException(
            VENUE, r.op, "malformed", "the answer is not a KuCoin JSON envelope", null);
      }
      throw ErrorClassifier.classify(
          r.op,
          status,
          "",
          "HTTP " + status + " without a KuCoin body",
          RateBudget.resetOf(resp.headers()));
    }
    String code = root.get("code").asText();
    if (status == 200 && "200000".equals(code)) {
      LOG.debug("kucoin call op={} path={} status={} ms={}", r.op, r.path, status, ms);
      return root.path("data");
    }
    LOG.info("kucoin call op={} path={} status={} code={} ms={}", r.op, r.path, status, code, ms);
    if ("400002".equals(code) && r.signed && !resynced) {
      syncTime();
      return attempt(r, true);
    }
    throw ErrorClassifier.classify(
        r.op, status, code, root.path("msg").asText(""), RateBudget.resetOf(resp.headers()));
  }

  private static String query(Map<String, String> q, boolean encode) {
    if (q.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("?");
    for (Map.Entry<String, String> e : q.entrySet()) {
      if (sb.length() > 1) {
        sb.append('&');
      }
      sb.append(encode ? URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) : e.getKey())
          .append('=')
          .append(encode ? URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8) : e.getValue());
    }
    return sb.toString();
  }

  private static final class Req {
    final String op;
    final String method;
    final String path;
    final Map<String, String> query;
    final String body;
    final RateBudget.Pool pool;
    final int weight;
    final boolean signed;

    Req(
        String op,
        String method,
        String path,
        Map<String, String> query,
        String body,
        RateBudget.Pool pool,
        int weight,
        boolean signed) {
      this.op = op;
      this.method = method;
      this.path = path;
      this.query = query;
      this.body = body;
      this.pool = pool;
      this.weight = weight;
      this.signed = signed;
    }
  }
}
