package io.github.mmsdk.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.Secret;
import java.net.URI;
import org.junit.jupiter.api.Test;

class UrlPolicyTest {

  @Test
  void allowsHttpsAnywhereAndPlainHttpOnlyToLoopback() {
    for (String ok :
        new String[] {
          "https://api.pushover.net",
          "HTTPS://hooks.slack.com/services/x",
          "http://127.0.0.1:8080/x",
          "http://localhost/x",
          "http://[::1]:9/x",
          "http://127.1.2.3/"
        }) {
      assertThat(UrlPolicy.parse(ok, "k")).isEqualTo(URI.create(ok));
    }
    for (String bad :
        new String[] {
          "http://api.pushover.net",
          "http://10.0.0.1/x",
          "ftp://127.0.0.1/x",
          "file:///etc/passwd",
          "https:///nohost",
          "http://localhost.evil.example/x",
          "http://0x7f000001/"
        }) {
      assertThatThrownBy(() -> UrlPolicy.parse(bad, "notifications.x.url"))
          .as(bad)
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining("notifications.x.url")
          .hasMessageNotContaining(bad);
    }
    assertThatThrownBy(() -> UrlPolicy.parse("http://exa mple", "k"))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void redactsRawAndUrlEncodedSecrets() {
    Redactor r = Redactor.of(Secret.of("a b/c"), Secret.of(""));
    assertThat(r.redact("x a b/c y a+b%2Fc z")).isEqualTo("x **** y **** z");
    assertThat(r.redact(null)).isEmpty();
    assertThat(r.describe(new java.io.IOException())).isEqualTo("IOException");
    assertThat(r.describe(new java.io.IOException("to a b/c"))).isEqualTo("IOException: to ****");
  }
}
