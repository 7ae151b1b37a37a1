/**
 * KuCoin's JSON shapes as Jackson-bound records, and the one {@link
 * io.github.mmsdk.exchange.kucoin.internal.wire.Wire#MAPPER} that reads and writes them. Not API.
 */
package io.github.mmsdk.exchange.kucoin.internal.wire;
