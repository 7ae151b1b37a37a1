/**
 * Operations: operational alerts with rate limits and recovery messages, aggregated health with
 * exit codes, and a scheduler that runs decision cycles on candle closes.
 */
package io.github.mmsdk.ops;
