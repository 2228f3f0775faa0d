package org.distill4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM has no parent (so it leaks none of the parent's management into users' builds) and
 * therefore repeats versions the parent also sets: they must stay equal, or users would run
 * distill4j on libraries it was not built and tested with.
 */
class BomVersionsTest {
  private static final Path ROOT = Repo.file("bom/pom.xml").getParent().getParent();

  @Test
  void theBomRepeatsTheParentsVersionsExactly() throws Exception {
    Document parent = read(ROOT.resolve("pom.xml"));
    Document bom = read(ROOT.resolve("bom/pom.xml"));
    Document examples = read(ROOT.resolve("examples/pom.xml"));

    assertThat(version(bom)).isEqualTo(version(parent)).isEqualTo(version(examples));
    Map<String, String> parentProperties = properties(parent);
    Map<String, String> bomProperties = properties(bom);
    assertThat(bomProperties).isNotEmpty();
    bomProperties.forEach((name, value) -> assertThat(parentProperties)
        .as("the parent's %s", name).containsEntry(name, value));
    assertThat(child(bom.getDocumentElement(), "parent")).as("the BOM's parent").isNull();
  }

  @Test
  void theBomListsEveryLibraryModuleOfTheBuild() throws Exception {
    Document parent = read(ROOT.resolve("pom.xml"));
    Document bom = read(ROOT.resolve("bom/pom.xml"));
    java.util.Set<String> listed = new java.util.TreeSet<>();
    NodeList artifacts = bom.getElementsByTagName("artifactId");
    for (int i = 0; i < artifacts.getLength(); i++) {
      listed.add(artifacts.item(i).getTextContent().strip());
    }
    NodeList modules = parent.getElementsByTagName("module");
    java.util.List<String> libraries = new java.util.ArrayList<>();
    for (int i = 0; i < modules.getLength(); i++) {
      String module = modules.item(i).getTextContent().strip();
      // Not libraries: the BOM itself, the benchmarks and these examples.
      if (!java.util.Set.of("bom", "bench", "bench-spark", "examples").contains(module)) {
        Document pom = read(ROOT.resolve(module).resolve("pom.xml"));
        libraries.add(child(pom.getDocumentElement(), "artifactId").getTextContent().strip());
      }
    }
    assertThat(libraries).isNotEmpty();
    assertThat(listed).as("artifacts the BOM manages").containsAll(libraries);
  }

  private static Document read(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  private static String version(Document pom) {
    return child(pom.getDocumentElement(), "version").getTextContent().strip();
  }

  private static Map<String, String> properties(Document pom) {
    Map<String, String> out = new LinkedHashMap<>();
    Element properties = child(pom.getDocumentElement(), "properties");
    NodeList all = properties == null ? null : properties.getChildNodes();
    for (int i = 0; all != null && i < all.getLength(); i++) {
      if (all.item(i) instanceof Element e) {
        out.put(e.getTagName(), e.getTextContent().strip());
      }
    }
    return out;
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }
}
