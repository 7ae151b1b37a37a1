/**
 * Store support for tests and backtests: {@link
 * io.github.mmsdk.testkit.store.DecisionStoreContract}, the conformance test every {@link
 * io.github.mmsdk.api.store.DecisionStore} implementation should pass, and {@link
 * io.github.mmsdk.testkit.store.InMemoryDecisionStore}, a fast store that passes it.
 */
package io.github.mmsdk.testkit.store;
