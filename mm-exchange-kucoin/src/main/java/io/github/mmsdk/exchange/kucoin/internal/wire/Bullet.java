package io.github.mmsdk.exchange.kucoin.internal.wire;

import java.util.List;

/**
 * {@code POST /api/v1/bullet-public} data: a connect token and the servers to use it on.
 *
 * @param token the token (a secret of the session; never logged)
 * @param instanceServers the servers
 */
public record Bullet(String token, List<InstanceServer> instanceServers) {
  /**
   * One WebSocket server.
   *
   * @param endpoint the WebSocket address
   * @param pingInterval ping interval, ms
   * @param pingTimeout pong timeout, ms
   */
  public record InstanceServer(String endpoint, long pingInterval, long pingTimeout) {}
}
