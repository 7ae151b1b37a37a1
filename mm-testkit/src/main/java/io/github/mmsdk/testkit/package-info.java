/**
 * The test kit for users and plugin authors: a {@link io.github.mmsdk.testkit.TestClock}, and in
 * sub-packages conformance contracts, a replay and a simulated exchange, an in-memory store and a
 * recording notifier. Put it in test scope.
 */
package io.github.mmsdk.testkit;
