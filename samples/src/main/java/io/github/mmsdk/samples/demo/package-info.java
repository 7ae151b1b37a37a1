/** A deterministic synthetic market with known regime switches, for demos and tests. */
package io.github.mmsdk.samples.demo;
