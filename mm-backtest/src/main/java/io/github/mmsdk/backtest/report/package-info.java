/**
 * The self-contained HTML report of a backtest or of live records: {@link
 * io.github.mmsdk.backtest.report.HtmlReport} renders candles, the records of any {@link
 * io.github.mmsdk.api.store.DecisionStore} and {@link io.github.mmsdk.backtest.report.KpiRow}s into
 * one static page.
 */
package io.github.mmsdk.backtest.report;
