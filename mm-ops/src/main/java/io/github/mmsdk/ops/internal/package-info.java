/** Internals of mm-ops: not API, may change in any release. */
package io.github.mmsdk.ops.internal;
