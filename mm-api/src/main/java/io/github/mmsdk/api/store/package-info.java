/**
 * The store contract: an append-only home for metrics snapshots, decision records, operator
 * actions, evaluations, exit-state histories and grid configurations, written one cycle per atomic
 * commit.
 */
package io.github.mmsdk.api.store;
