/**
 * The grid model: a grid's configuration and its history of enable and disable entries, which is
 * the only record of whether it runs (seed Req 19).
 */
package io.github.mmsdk.api.grid;
