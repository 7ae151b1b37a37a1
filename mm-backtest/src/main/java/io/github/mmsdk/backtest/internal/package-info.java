/**
 * Internals of mm-backtest. Not API: anything here may change or disappear in any release, and no
 * other module may use it (checked by ArchUnit).
 */
package io.github.mmsdk.backtest.internal;
