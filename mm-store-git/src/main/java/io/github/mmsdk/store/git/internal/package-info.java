/**
 * Internals of the Git store: wire documents, the record mapper, tree editing and remote sync. Not
 * API: may change in any release.
 */
package io.github.mmsdk.store.git.internal;
