package io.github.mmsdk.exchange.kucoin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mmsdk.api.exchange.AuthenticationException;
import io.github.mmsdk.api.exchange.ExchangeException;
import io.github.mmsdk.api.exchange.PermanentExchangeException;
import io.github.mmsdk.api.exchange.PermissionRefusedException;
import io.github.mmsdk.api.exchange.RateLimitedException;
import io.github.mmsdk.api.exchange.TransientExchangeException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorClassifierTest {
  @ParameterizedTest
  @CsvSource({
    "429, 429000, RateLimitedException",
    "429, '', RateLimitedException",
    "200, 200002, RateLimitedException",
    "403, '', RateLimitedException",
    "401, 400004, AuthenticationException",
    "400, 400005, AuthenticationException",
    "200, 400002, AuthenticationException",
    "401, '', AuthenticationException",
    "400, 400008, AuthenticationException",
    "400, 400007, PermissionRefusedException",
    "500, 500000, TransientExchangeException",
    "503, '', TransientExchangeException",
    "502, '', TransientExchangeException",
    "400, 400100, PermanentExchangeException",
    "200, 900001, PermanentExchangeException",
    "404, '', PermanentExchangeException"
  })
  void maps_code_and_status_to_the_typed_hierarchy(int status, String code, String type) {
    ExchangeException e =
        ErrorClassifier.classify(
            "op", status, code, "msg\nwith newline", Optional.of(Duration.ofMillis(1489)));
    assertThat(e.getClass().getSimpleName()).isEqualTo(type);
    assertThat(e.venue()).isEqualTo("kucoin");
    assertThat(e.getMessage()).doesNotContain("\n");
    if (e instanceof RateLimitedException) {
      assertThat(((TransientExchangeException) e).retryAfter()).isPresent();
    }
    if (e instanceof PermanentExchangeException
        && !(e instanceof AuthenticationException)
        && !(e instanceof PermissionRefusedException)) {
      assertThat(((PermanentExchangeException) e).code()).isNotBlank();
    }
  }

  @ParameterizedTest
  @CsvSource({"429000", "200002"})
  void rate_limits_without_headers_still_classify(String code) {
    ExchangeException e =
        ErrorClassifier.classify("op", 200, code, "x".repeat(500), Optional.empty());
    assertThat(e).isInstanceOf(RateLimitedException.class);
    assertThat(e.getMessage().length()).isLessThan(300);
  }
}
