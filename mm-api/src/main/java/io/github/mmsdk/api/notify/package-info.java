/**
 * The notification contract: a structured {@link io.github.mmsdk.api.notify.Notification} with a
 * priority, delivered by a {@link io.github.mmsdk.api.notify.Notifier}, with undeliverable ones
 * kept by a {@link io.github.mmsdk.api.notify.DeadLetterSink}.
 */
package io.github.mmsdk.api.notify;
