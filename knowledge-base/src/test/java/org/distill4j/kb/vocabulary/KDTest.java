package org.distill4j.kb.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;

class KDTest {
  private static Model load(String name) {
    Model m = ModelFactory.createDefaultModel();
    RDFParser.source(KD.class.getResourceAsStream(name)).lang(Lang.TURTLE).parse(m);
    return m;
  }

  private static List<Resource> terms() throws IllegalAccessException {
    List<Resource> out = new ArrayList<>();
    for (Field f : KD.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && Resource.class.isAssignableFrom(f.getType())) {
        Resource r = (Resource) f.get(null);
        if (r.getURI().startsWith(KD.NS)) {
          out.add(r);
        }
      }
    }
    return out;
  }

  @Test
  void everyTermOfTheClassIsDeclaredInTheOntologyAndViceVersa() throws Exception {
    Model ontology = load("kd.ttl");
    List<Resource> terms = terms();
    assertThat(terms).hasSizeGreaterThan(30);
    for (Resource term : terms) {
      assertThat(ontology.contains(term, RDF.type)).as(term.getURI()).isTrue();
    }
    List<String> declared = new ArrayList<>();
    ontology.listSubjectsWithProperty(RDF.type).forEachRemaining(s -> {
      if (s.isURIResource() && s.getURI().startsWith(KD.NS)) {
        declared.add(s.getURI());
      }
    });
    assertThat(declared).containsExactlyInAnyOrderElementsOf(
        terms.stream().map(Resource::getURI).toList());
  }

  @Test
  void theShapesParseAndTargetEveryRecordClass() {
    Shapes shapes = Shapes.parse(load("shapes.ttl").getGraph());
    assertThat(shapes.numShapes()).isGreaterThanOrEqualTo(8);
    assertThat(shapes.getTargetShapes()).isNotEmpty();
  }
}
