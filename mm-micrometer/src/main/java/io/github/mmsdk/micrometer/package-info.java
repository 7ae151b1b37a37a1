/**
 * Binds the SDK's cycle events to a host's Micrometer {@code MeterRegistry}; meter names and tags
 * are listed in {@code docs/metrics.md}.
 */
package io.github.mmsdk.micrometer;
