/**
 * The exit contract: a running grid's tiered exit state (NORMAL, WARNING, LATEST_ACCEPTABLE_EXIT,
 * MANDATORY_EXIT), its transitions with reasons, the position risk and whether to notify.
 */
package io.github.mmsdk.api.exit;
