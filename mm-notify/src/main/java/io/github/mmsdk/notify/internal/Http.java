package io.github.mmsdk.notify.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * One channel's HTTP access over the JDK HTTP client: a client that never follows redirects (a
 * redirect could leave the HTTPS policy), per-request timeouts, the idempotency key header, and
 * classification of responses into {@link Attempt}s.
 *
 * <p>The JDK client lives in {@code JdkExchanger}, named only inside method bodies: the build's
 * module-mode Javadoc run does not read {@code java.net.http}, and never needs to load it this way.
 */
public final class Http {
  private static final int MAX_ERROR_BODY = 300;

  private final Exchanger exchanger;
  private final Redactor redactor;

  /**
   * Creates the access.
   *
   * @param connectTimeout the TCP connect timeout
   * @param requestTimeout the whole-request timeout
   * @param redactor removes secrets from error texts
   */
  public Http(Duration connectTimeout, Duration requestTimeout, Redactor redactor) {
    this.exchanger = new JdkExchanger(connectTimeout, requestTimeout);
    this.redactor = redactor;
  }

  /** A response: status and body. */
  public static final class Response {
    private final int status;
    private final String body;
    private final Duration retryAfter;

    /**
     * A response.
     *
     * @param status the HTTP status
     * @param body the body text, {@code null} for none
     */
    public Response(int status, String body) {
      this(status, body, Optional.empty());
    }

    /**
     * A response with the server's {@code Retry-After}.
     *
     * @param status the HTTP status
     * @param body the body text, {@code null} for none
     * @param retryAfter the {@code Retry-After} header value, when present
     */
    public Response(int status, String body, Optional<String> retryAfter) {
      this.status = status;
      this.body = body == null ? "" : body;
      this.retryAfter = retryAfter.flatMap(Response::seconds).orElse(null);
    }

    private static Optional<Duration> seconds(String value) {
      try {
        long s = Long.parseLong(value.strip());
        return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty(); // an HTTP date: ignored, the backoff applies
      }
    }

    /** {@return the delay the server asked for ({@code Retry-After} in seconds)} */
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }

    /** {@return the HTTP status} */
    public int status() {
      return status;
    }

    /** {@return the body text} */
    public String body() {
      return body;
    }
  }

  /**
   * Encodes form fields in their order as {@code application/x-www-form-urlencoded}.
   *
   * @param fields the fields
   * @return the encoded body
   */
  public static String form(Map<String, String> fields) {
    StringJoiner j = new StringJoiner("&");
    for (Map.Entry<String, String> e : fields.entrySet()) {
      j.add(
          URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
              + "="
              + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return j.toString();
  }

  /**
   * POSTs once and classifies the response: 2xx goes to {@code onSuccess}, 429 and 5xx are
   * transient failures, other statuses permanent.
   *
   * @param uri the target
   * @param idempotencyKey the notification id, sent as {@code Idempotency-Key}
   * @param contentType the body's content type
   * @param body the body
   * @param headers further headers
   * @param onSuccess turns a 2xx response into an attempt
   * @return the attempt
   * @throws IOException when there was no response (timeout, reset, refused)
   * @throws InterruptedException when interrupted
   */
  public Attempt post(
      URI uri,
      String idempotencyKey,
      String contentType,
      String body,
      Map<String, String> headers,
      Function<Response, Attempt> onSuccess)
      throws IOException, InterruptedException {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Content-Type", contentType);
    all.put("Idempotency-Key", idempotencyKey);
    all.put("User-Agent", "mmsdk-notify");
    all.putAll(headers);
    Response r = exchanger.exchange("POST", uri, all, body);
    if (r.status() >= 200 && r.status() < 300) {
      return onSuccess.apply(r);
    }
    return Attempt.httpFailure(r.status(), describe(r), r.retryAfter());
  }

  /**
   * GETs once.
   *
   * @param uri the target
   * @return the response, whatever its status
   * @throws IOException when there was no response
   * @throws InterruptedException when interrupted
   */
  public Response get(URI uri) throws IOException, InterruptedException {
    return exchanger.exchange("GET", uri, Map.of(), null);
  }

  /** Makes one HTTP exchange. */
  interface Exchanger {
    Response exchange(String method, URI uri, Map<String, String> headers, String body)
        throws IOException, InterruptedException;
  }

  /**
   * An error text for a response, with a bounded, redacted body.
   *
   * @param r the response
   * @return the text
   */
  public String describe(Response r) {
    String b = r.body().strip();
    if (b.length() > MAX_ERROR_BODY) {
      b = b.substring(0, MAX_ERROR_BODY) + "…";
    }
    return redactor.redact("HTTP " + r.status() + (b.isEmpty() ? "" : ": " + b));
  }
}
