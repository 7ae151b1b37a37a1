/** Health reporting shared by every adapter: {@code UP}, {@code DEGRADED} or {@code DOWN}. */
package io.github.mmsdk.api.health;
