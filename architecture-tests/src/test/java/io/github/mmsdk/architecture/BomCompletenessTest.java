package io.github.mmsdk.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM lists every published module (a reactor module named {@code mm-*} other than the BOM) and
 * nothing else, and every published module ships what Maven Central needs.
 */
class BomCompletenessTest {

  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  static Document pom(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(file.toFile());
  }

  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
        out.add((Element) n);
      }
    }
    return out;
  }

  static Element child(Element parent, String name) {
    List<Element> c = children(parent, name);
    return c.isEmpty() ? null : c.get(0);
  }

  static TreeSet<String> publishedModules() throws Exception {
    Element project = pom(ROOT.resolve("pom.xml")).getDocumentElement();
    TreeSet<String> out = new TreeSet<>();
    for (Element m : children(child(project, "modules"), "module")) {
      String name = m.getTextContent().trim();
      if (name.startsWith("mm-") && !name.equals("mm-bom")) {
        out.add(name);
      }
    }
    return out;
  }

  @Test
  void bom_lists_every_published_module_and_nothing_else() throws Exception {
    Element bom = pom(ROOT.resolve("mm-bom/pom.xml")).getDocumentElement();
    Element dm = child(bom, "dependencyManagement");
    TreeSet<String> listed = new TreeSet<>();
    for (Element d : children(child(dm, "dependencies"), "dependency")) {
      assertThat(child(d, "groupId").getTextContent()).isEqualTo("io.github.mmsdk");
      assertThat(child(d, "scope")).as("no import scopes leak third-party pins").isNull();
      listed.add(child(d, "artifactId").getTextContent().trim());
    }
    assertThat(listed).isEqualTo(publishedModules());
    assertThat(child(bom, "packaging").getTextContent()).isEqualTo("pom");
  }

  @Test
  void published_bom_has_no_parent_and_pins_no_third_party_version() throws Exception {
    Path flattened = ROOT.resolve("mm-bom/.flattened-pom.xml");
    if (!Files.exists(flattened)) {
      return; // built only by a reactor build that reached mm-bom's process-resources
    }
    Element bom = pom(flattened).getDocumentElement();
    assertThat(child(bom, "parent")).isNull();
    assertThat(child(bom, "dependencies")).isNull();
    String text = Files.readString(flattened);
    assertThat(text).doesNotContain("jackson").doesNotContain("junit").doesNotContain("<scope>");
  }

  @Test
  void no_module_depends_on_samples() throws IOException {
    try (var poms = Files.walk(ROOT, 2)) {
      List<Path> files =
          poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
              .filter(p -> !p.startsWith(ROOT.resolve("samples")))
              .toList();
      assertThat(files).hasSizeGreaterThan(5);
      for (Path p : files) {
        assertThat(Files.readString(p)).doesNotContain("<artifactId>samples</artifactId>");
      }
    }
  }

  @Test
  void every_built_published_module_has_sources_javadoc_and_a_module_name() throws Exception {
    String version =
        child(pom(ROOT.resolve("pom.xml")).getDocumentElement(), "version").getTextContent();
    for (String module : publishedModules()) {
      Path jar = ROOT.resolve(module + "/target/" + module + "-" + version + ".jar");
      if (!Files.exists(jar)) {
        continue; // not packaged in this build (e.g. -pl architecture-tests)
      }
      assertThat(ROOT.resolve(module + "/target/" + module + "-" + version + "-sources.jar"))
          .exists();
      if (!Boolean.getBoolean("mm.javadoc.skipped")) {
        assertThat(ROOT.resolve(module + "/target/" + module + "-" + version + "-javadoc.jar"))
            .exists();
      }
      try (JarFile j = new JarFile(jar.toFile())) {
        String name = j.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
        assertThat(name).isEqualTo("io.github.mmsdk." + module.substring(3).replace('-', '.'));
      }
    }
  }
}
