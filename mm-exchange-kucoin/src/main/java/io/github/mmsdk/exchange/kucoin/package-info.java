/**
 * The KuCoin spot adapter: {@link io.github.mmsdk.exchange.kucoin.KuCoinExchange}, found through
 * {@link java.util.ServiceLoader} under id {@code kucoin}.
 */
package io.github.mmsdk.exchange.kucoin;
