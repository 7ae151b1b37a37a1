/**
 * Test doubles and the conformance kit for {@link io.github.mmsdk.api.notify.Notifier}: a {@link
 * io.github.mmsdk.testkit.notify.RecordingNotifier} that records what it delivered and can be told
 * to fail, and the abstract {@link io.github.mmsdk.testkit.notify.NotifierContract} that every
 * implementation's test extends.
 */
package io.github.mmsdk.testkit.notify;
