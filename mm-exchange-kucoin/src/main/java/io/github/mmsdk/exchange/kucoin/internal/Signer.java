package io.github.mmsdk.exchange.kucoin.internal;

import io.github.mmsdk.api.exchange.ApiCredentials;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * KuCoin request signing (KUCOIN_API.md §3): {@code KC-API-SIGN} = base64(HMAC-SHA256(secret,
 * timestamp + METHOD + path?query + body)); for key versions 2 and 3 the passphrase is sent as
 * base64(HMAC-SHA256(secret, passphrase)), for version 1 in plain text. {@code toString()} shows
 * nothing secret.
 */
public final class Signer {
  private final ApiCredentials credentials;
  private final int keyVersion;
  private final String passphraseHeader;

  /**
   * Creates a signer.
   *
   * @param credentials the key, secret and passphrase
   * @param keyVersion the key version sent in {@code KC-API-KEY-VERSION}: 1, 2 or 3
   */
  public Signer(ApiCredentials credentials, int keyVersion) {
    this.credentials = credentials;
    this.keyVersion = keyVersion;
    this.passphraseHeader =
        keyVersion >= 2
            ? hmac(credentials.secret().reveal(), credentials.passphrase().reveal())
            : credentials.passphrase().reveal();
  }

  /**
   * base64(HMAC-SHA256(secret, message)).
   *
   * @param secret the HMAC key
   * @param message the message
   * @return the signature
   */
  public static String hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  /**
   * The authentication headers of one request.
   *
   * @param timestampMillis the request timestamp (server time estimate), ms
   * @param method upper-case method
   * @param pathAndQuery the path with its un-encoded query string, e.g. {@code
   *     /api/v1/accounts?currency=BTC}
   * @param body the exact body sent, or the empty string
   * @return header name to value, in a stable order
   */
  public Map<String, String> headers(
      long timestampMillis, String method, String pathAndQuery, String body) {
    String ts = Long.toString(timestampMillis);
    Map<String, String> h = new LinkedHashMap<>();
    h.put("KC-API-KEY", credentials.key().reveal());
    h.put("KC-API-SIGN", hmac(credentials.secret().reveal(), ts + method + pathAndQuery + body));
    h.put("KC-API-TIMESTAMP", ts);
    h.put("KC-API-PASSPHRASE", passphraseHeader);
    h.put("KC-API-KEY-VERSION", Integer.toString(keyVersion));
    return h;
  }

  /** {@return the key version sent} */
  public int keyVersion() {
    return keyVersion;
  }

  @Override
  public String toString() {
    return "Signer[v" + keyVersion + ", ****]";
  }
}
