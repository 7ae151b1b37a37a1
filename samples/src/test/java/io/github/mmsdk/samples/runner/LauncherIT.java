package io.github.mmsdk.samples.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's launch of the packaged runner, {@code java @samples/target/mm-runner.args ...}: the
 * argument file the build writes runs the shaded jar, and the JVM maps the runner's classes from
 * the class-data-sharing archive of the build's training run (with the JDK that built it).
 */
class LauncherIT {

  private static final Path TARGET = Path.of("target");

  @TempDir Path dir;

  @Test
  void the_argument_file_runs_evaluate_with_the_classes_of_the_build_archive() throws Exception {
    Path args = TARGET.resolve("mm-runner.args");
    Assumptions.assumeTrue(
        Files.isRegularFile(args) && Files.isRegularFile(TARGET.resolve("mm-runner.jsa")),
        "no target/mm-runner.args and mm-runner.jsa: package ran without the CDS training");
    Path store = dir.resolve("store");
    Run r =
        java(
            "-Xlog:class+load=info",
            "@" + args.toAbsolutePath(),
            "evaluate",
            "--source",
            "demo",
            "--store",
            store.toString());
    assertThat(r.code).as(r.out).isBetween(0, 1);
    assertThat(r.out).contains("ETH-USDT").contains("confidence");
    assertThat(store.resolve("HEAD")).isRegularFile();
    // the runner, the engines and the store come from the archive, not from the jar
    for (String c :
        List.of(
            "io.github.mmsdk.samples.runner.Runner$Evaluate",
            "io.github.mmsdk.regime.DefaultRegimeEngine",
            "io.github.mmsdk.store.git.GitDecisionStore")) {
      assertThat(r.out).contains(c + " source: shared objects file");
    }
    // and no warning about the archive reaches the user
    assertThat(r.out).doesNotContain("[cds");
  }

  @Test
  void a_jvm_option_goes_before_the_argument_file() throws Exception {
    Path args = TARGET.resolve("mm-runner.args");
    Assumptions.assumeTrue(Files.isRegularFile(args), "no target/mm-runner.args");
    Run r = java("-Xmx256m", "@" + args.toAbsolutePath(), "--version");
    assertThat(r.code).as(r.out).isZero();
    assertThat(r.out).contains("Market Maker SDK runner");
  }

  private record Run(int code, String out) {}

  private Run java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(args));
    Path log = dir.resolve("out.txt");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("the runner did not end: " + command);
    }
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
