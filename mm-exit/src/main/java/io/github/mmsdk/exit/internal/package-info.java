/** Internals of mm-exit. Not API: anything here may change in any release without notice. */
package io.github.mmsdk.exit.internal;
