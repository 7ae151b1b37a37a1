/**
 * The Git-backed, append-only {@link io.github.mmsdk.api.store.DecisionStore}: {@link
 * io.github.mmsdk.store.git.GitDecisionStore} writes one commit per cycle with JGit, keeps every
 * record as versioned YAML (raw candles as JSON), pushes to an optional remote, verifies its own
 * history, and loads the repository's configuration through {@link
 * io.github.mmsdk.store.git.ConfigLoader}.
 */
package io.github.mmsdk.store.git;
