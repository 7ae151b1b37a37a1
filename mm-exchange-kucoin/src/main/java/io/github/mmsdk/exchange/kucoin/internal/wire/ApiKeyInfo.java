package io.github.mmsdk.exchange.kucoin.internal.wire;

/**
 * {@code GET /api/v1/user/api-key} data. The key itself is not bound, so it never lands in a
 * record.
 *
 * @param apiVersion the key's version
 * @param permission comma-separated permissions
 * @param ipWhitelist comma-separated IP whitelist, or {@code null}
 */
public record ApiKeyInfo(int apiVersion, String permission, String ipWhitelist) {}
