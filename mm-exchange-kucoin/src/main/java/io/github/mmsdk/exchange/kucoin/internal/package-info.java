/** Internals of the KuCoin adapter: signing, HTTP, resilience, WebSocket. Not API. */
package io.github.mmsdk.exchange.kucoin.internal;
