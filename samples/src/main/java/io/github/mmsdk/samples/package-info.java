/** Runnable examples of the SDK: the README's quick start, the demo market and the runner. */
package io.github.mmsdk.samples;
