package io.github.mmsdk.notify.internal;

import io.github.mmsdk.api.InvalidConfigurationException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/** Outbound URLs must be HTTPS; plain HTTP is allowed only to a loopback host (tests). */
public final class UrlPolicy {
  private UrlPolicy() {}

  /**
   * Checks an outbound URL. The message never contains the URL (it may hold a secret).
   *
   * @param uri the URL
   * @param key the configuration key it came from
   * @return the URL
   * @throws InvalidConfigurationException when it is not HTTPS and not loopback HTTP
   */
  public static URI requireAllowed(URI uri, String key) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      throw new InvalidConfigurationException(key, "must be an absolute https URL with a host");
    }
    if (scheme.equals("https")) {
      return uri;
    }
    if (scheme.equals("http") && isLoopback(host)) {
      return uri;
    }
    throw new InvalidConfigurationException(
        key, "must use https (plain http is allowed for loopback hosts only)");
  }

  /**
   * Parses and checks an outbound URL.
   *
   * @param text the URL text
   * @param key the configuration key it came from
   * @return the URL
   * @throws InvalidConfigurationException when it does not parse or is not allowed
   */
  public static URI parse(String text, String key) {
    URI uri;
    try {
      uri = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(key, "is not a valid URL");
    }
    return requireAllowed(uri, key);
  }

  static boolean isLoopback(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false; // never resolve names: a DNS answer must not relax the policy
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
