package io.github.mmsdk.samples.runner;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.backtest.OperatorResponse;
import io.github.mmsdk.backtest.ReplayDifference;
import io.github.mmsdk.backtest.ReplayResult;
import io.github.mmsdk.backtest.StoreReplay;
import io.github.mmsdk.store.git.GitDecisionStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Re-runs the decisions recorded in a store through the current engines and shows those that would
 * now come out differently, and how the operator answered the recorded recommendations.
 *
 * <p>Exit codes: 0 every decision comes out the same, 1 some differ, 2 bad arguments or store.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Re-run the decisions recorded in a store from its own raw candles through the current"
          + " engines; print those that would now come out differently (verdict, exit state,"
          + " recommended action) and compare the recommendations with what the operator did.",
      "Exit code: 0 no difference, 1 differences found, 2 bad arguments or store."
    })
final class ReplayCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin StorePeriod period = new StorePeriod();

  @Option(names = "--json", description = "Also write the result as JSON to this file.")
  Path json;

  @Override
  public Integer call() throws IOException {
    Symbol sym = period.symbol();
    Instant first = period.fromOrEpoch();
    Instant last = period.to != null ? period.to : Runner.END_OF_TIME;
    if (last.isBefore(first)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--to is before --from");
    }
    ReplayResult r;
    try (GitDecisionStore s = period.open()) {
      r =
          StoreReplay.builder()
              .store(s)
              .symbol(sym)
              .from(first)
              .to(last)
              .wiring(Runner.wiring())
              .build()
              .run();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (r.decisionsReplayed() == 0) {
      out.printf("no decision of %s recorded in %s for that period%n", sym, period.store);
    }
    for (ReplayDifference d : r.differences()) {
      out.println("differs  " + d.describe());
    }
    for (OperatorResponse o : r.operatorResponses()) {
      out.println("operator " + o.describe());
    }
    out.println(r.summary());
    if (json != null) {
      Files.writeString(json, json(r), StandardCharsets.UTF_8);
      out.println("JSON written to " + json.toAbsolutePath().normalize());
    }
    return r.differences().isEmpty() ? 0 : 1;
  }

  static String json(ReplayResult r) {
    String differences =
        r.differences().stream()
            .map(
                d ->
                    "    {\"decision_id\": "
                        + JsonText.quote(d.decisionId())
                        + ", \"at\": "
                        + JsonText.quote(d.at())
                        + ", \"aspects\": "
                        + d.aspectNames().stream()
                            .map(JsonText::quote)
                            .collect(Collectors.joining(", ", "[", "]"))
                        + ", \"recorded\": {\"verdict\": "
                        + JsonText.quote(d.recordedVerdict())
                        + ", \"exits\": "
                        + exits(d.recordedExits())
                        + ", \"recommendations\": "
                        + names(d.recordedRecommendations())
                        + "}, \"replayed\": {\"verdict\": "
                        + d.replayedVerdict().map(JsonText::quote).orElse("null")
                        + ", \"exits\": "
                        + exits(d.replayedExits())
                        + ", \"recommendations\": "
                        + names(d.replayedRecommendations())
                        + "}}")
            .collect(Collectors.joining(",\n", "[\n", "\n  ]"));
    String responses =
        r.operatorResponses().stream()
            .map(
                o ->
                    "    {\"decision_id\": "
                        + JsonText.quote(o.decisionId())
                        + ", \"at\": "
                        + JsonText.quote(o.at())
                        + ", \"recommended\": "
                        + names(o.recommended())
                        + ", \"escalation\": "
                        + JsonText.quote(o.escalation())
                        + ", \"response\": "
                        + JsonText.quote(o.responseName().toLowerCase(Locale.ROOT))
                        + ", \"actor\": "
                        + o.response().map(a -> JsonText.quote(a.actor())).orElse("null")
                        + ", \"still_recommended\": "
                        + o.stillRecommended()
                        + "}")
            .collect(Collectors.joining(",\n", "[\n", "\n  ]"));
    String counts =
        r.responseCounts().entrySet().stream()
            .map(
                e ->
                    JsonText.quote(e.getKey().name().toLowerCase(Locale.ROOT))
                        + ": "
                        + e.getValue())
            .collect(Collectors.joining(", ", "{", "}"));
    return "{\n  \"symbol\": "
        + JsonText.quote(r.symbol())
        + ",\n  \"from\": "
        + JsonText.quote(r.periodStart())
        + ",\n  \"to\": "
        + JsonText.quote(r.periodEnd())
        + ",\n  \"decisions_replayed\": "
        + r.decisionsReplayed()
        + ",\n  \"unchanged\": "
        + r.unchanged()
        + ",\n  \"different\": "
        + r.differences().size()
        + ",\n  \"operator_responses\": "
        + counts
        + ",\n  \"unanswered\": "
        + r.unanswered()
        + ",\n  \"no_longer_recommended\": "
        + r.noLongerRecommended()
        + ",\n  \"differences\": "
        + (r.differences().isEmpty() ? "[]" : differences)
        + ",\n  \"responses\": "
        + (r.operatorResponses().isEmpty() ? "[]" : responses)
        + "\n}\n";
  }

  private static String names(java.util.List<? extends Enum<?>> values) {
    return values.stream().map(JsonText::quote).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String exits(java.util.Map<String, ? extends Enum<?>> m) {
    return m.entrySet().stream()
        .map(e -> JsonText.quote(e.getKey()) + ": " + JsonText.quote(e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
