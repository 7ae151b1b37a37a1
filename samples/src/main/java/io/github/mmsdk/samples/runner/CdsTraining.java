package io.github.mmsdk.samples.runner;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the runner's class-data-sharing archive: the build runs it once with {@code
 * -XX:ArchiveClassesAtExit} so that the classes a short command loads (the runner, the engines,
 * JGit, Jackson, the report) are mapped from {@code mm-runner.jsa} instead of being read, parsed
 * and verified from the jar at every start. It runs the commands whose start matters, quietly, into
 * throw-away stores.
 */
final class CdsTraining {

  private CdsTraining() {}

  /**
   * Runs the training commands.
   *
   * @param args one argument: a folder for the throw-away stores (created, emptied afterwards)
   * @throws IOException when the folder cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CdsTraining FOLDER");
    }
    List<Integer> codes = train(Path.of(args[0]));
    if (codes.stream().anyMatch(c -> c > 1)) {
      throw new IllegalStateException("a training command failed: exit codes " + codes);
    }
  }

  /**
   * Runs {@code evaluate --source demo}, a short {@code demo} (with its report) and {@code --help}
   * into fresh stores below {@code folder}, which is emptied afterwards.
   *
   * @return the exit codes of the commands, in that order
   */
  static List<Integer> train(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path work = Files.createTempDirectory(folder, "training");
    List<Integer> codes = new ArrayList<>();
    try {
      codes.add(quietly("evaluate", "--source", "demo", "--store", work.resolve("e").toString()));
      codes.add(
          quietly(
              "demo",
              "--hours",
              "2",
              "--store",
              work.resolve("d").toString(),
              "--report",
              work.resolve("report.html").toString()));
      codes.add(quietly("--help"));
    } finally {
      delete(work);
    }
    return codes;
  }

  private static int quietly(String... args) {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    return Runner.execute(Runner.commandLine(args[0]).setOut(nowhere).setErr(nowhere), args);
  }

  private static void delete(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
