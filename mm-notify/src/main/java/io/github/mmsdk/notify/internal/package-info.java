/**
 * Internals of mm-notify: the delivery engine, rendering, URL policy and redaction. Not API:
 * anything here may change or disappear in any release, and no other module may use it.
 */
package io.github.mmsdk.notify.internal;
