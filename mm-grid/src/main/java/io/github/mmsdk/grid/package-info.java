/**
 * Grid computation: the grid simulator ({@link io.github.mmsdk.grid.GridSimulator}), grid
 * validation against exchange rules, capital and risk rules, and the default grid manager that
 * turns regime and exit assessments into recommendations. Pure computation: no I/O, no clock reads
 * except through a passed {@link java.time.Clock} or explicit instants.
 */
package io.github.mmsdk.grid;
