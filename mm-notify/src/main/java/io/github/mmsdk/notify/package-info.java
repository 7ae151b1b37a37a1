/**
 * Notifiers for the operator: {@link io.github.mmsdk.notify.PushoverNotifier} (with emergency
 * receipts), {@link io.github.mmsdk.notify.WebhookNotifier} (signed per Standard Webhooks, checked
 * by {@link io.github.mmsdk.notify.WebhookVerifier}), {@link
 * io.github.mmsdk.notify.TelegramNotifier}, {@link io.github.mmsdk.notify.SlackNotifier}, {@link
 * io.github.mmsdk.notify.LogNotifier} and the {@link io.github.mmsdk.notify.CompositeNotifier} that
 * fans out to them.
 *
 * <p>Every HTTP channel retries timeouts, connection failures, 429 and 5xx with exponential backoff
 * (never other 4xx), then hands the notification to a {@link
 * io.github.mmsdk.api.notify.DeadLetterSink} exactly once; {@link
 * io.github.mmsdk.notify.DurableNotifier#retryDeadLetters()} retries pending dead letters until
 * they are delivered or expire. Outbound URLs must be HTTPS (plain HTTP only to loopback). Secrets
 * are never logged.
 */
package io.github.mmsdk.notify;
