/**
 * The orchestration facade: {@link io.github.mmsdk.api.cycle.MarketMaker} runs one decision cycle
 * per symbol against the contracts only, never naming an implementation.
 */
package io.github.mmsdk.api.cycle;
