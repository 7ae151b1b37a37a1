/** Internals of mm-grid. Not API: anything here may change in any release without notice. */
package io.github.mmsdk.grid.internal;
