package io.github.mmsdk.backtest.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * The scripts and styles the page inlines, read once from the class path: uPlot from its webjar
 * ({@code org.webjars.npm:uplot}), the page's own from this package's resources.
 */
final class Assets {

  private static final String WEBJAR = "META-INF/resources/webjars/uplot/";
  private static final String POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

  static final String UPLOT_VERSION = version();
  static final String UPLOT_JS =
      scriptSafe(read(WEBJAR + UPLOT_VERSION + "/dist/uPlot.iife.min.js"));
  static final String UPLOT_CSS = read(WEBJAR + UPLOT_VERSION + "/dist/uPlot.min.css");
  static final String PAGE_JS = scriptSafe(read(own("report.js")));
  static final String PAGE_CSS = read(own("report.css"));
  static final String CAPTURE_JS = scriptSafe(read(own("capture.js")));

  private Assets() {}

  private static String own(String name) {
    return Assets.class.getPackageName().replace('.', '/') + "/" + name;
  }

  private static String version() {
    Properties p = new Properties();
    try (InputStream in = open(POM)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + POM, e);
    }
    String v = p.getProperty("version", "").trim();
    if (v.isEmpty()) {
      throw new IllegalStateException(POM + " names no version");
    }
    return v;
  }

  private static InputStream open(String resource) {
    InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(
          resource + " is not on the class path (is org.webjars.npm:uplot a dependency?)");
    }
    return in;
  }

  private static String read(String resource) {
    try (InputStream in = open(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /**
   * Makes a script safe to inline: {@code </script} becomes {@code <\/script}, which means the same
   * inside a JavaScript string or regular expression and cannot close the element.
   */
  static String scriptSafe(String js) {
    StringBuilder out = new StringBuilder(js.length());
    String lower = js.toLowerCase(Locale.ROOT);
    int from = 0;
    for (int i = lower.indexOf("</script"); i >= 0; i = lower.indexOf("</script", i + 1)) {
      out.append(js, from, i + 1).append('\\');
      from = i + 1;
    }
    return out.append(js, from, js.length()).toString();
  }
}
