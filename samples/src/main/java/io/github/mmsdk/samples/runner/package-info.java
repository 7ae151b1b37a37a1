/** The command-line runner (picocli): the README's main job and one-off evaluations. */
package io.github.mmsdk.samples.runner;
