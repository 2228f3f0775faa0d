package org.distill4j.filtering.rules;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;
import org.distill4j.core.knowledge.TextNormalizer;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;
import org.distill4j.filtering.rationale.AnswerExtractor;

/**
 * Checks that only make sense for one kind of knowledge:
 *
 * <ul>
 *   <li>triple, {@code xAttr} / {@code oReact}-style attribute relations: the tail is a short
 *       attribute phrase (at most {@code maxAttributeWords} words, no PersonX/PersonY, not a
 *       clause starting with "to");
 *   <li>triple: the tail names no placeholder other than PersonX/PersonY;
 *   <li>comparative: the statement names both entities and the adjective;
 *   <li>rationale with choices: the answer is one of the choices (by letter or text);
 *   <li>QA: the answer is not the question again.
 * </ul>
 *
 * @param maxAttributeWords the longest attribute phrase kept, in words
 */
public record KindCritic(int maxAttributeWords) implements Critic {
  private static final Set<String> ATTRIBUTE_RELATIONS = Set.of("xAttr");
  private static final Set<String> PERSONS = Set.of("personx", "persony", "personz");

  public KindCritic {
    if (maxAttributeWords < 1) {
      throw new IllegalArgumentException("max_attribute_words must be at least 1, found "
          + maxAttributeWords);
    }
  }

  @Override
  public List<Assessment> assess(List<CorpusRecord> batch) {
    return batch.stream().map(r -> check(r.knowledge())).toList();
  }

  /** The per-kind verdict for one item. */
  public Assessment check(Knowledge k) {
    return k.accept(new Knowledge.Visitor<>() {
      @Override
      public Assessment qa(QaPair qa) {
        return KindCritic.this.qa(qa);
      }

      @Override
      public Assessment rationale(Rationale rationale) {
        return KindCritic.this.rationale(rationale);
      }

      @Override
      public Assessment comparative(Comparative comparative) {
        return KindCritic.this.comparative(comparative);
      }

      @Override
      public Assessment triple(CommonsenseTriple triple) {
        return KindCritic.this.triple(triple);
      }
    });
  }

  private Assessment qa(QaPair q) {
    if (TextNormalizer.normalize(q.answer()).equals(TextNormalizer.normalize(q.question()))) {
      return Assessment.reject("the answer repeats the question");
    }
    return Assessment.keep();
  }

  private Assessment triple(CommonsenseTriple t) {
    List<String> tail = Words.of(t.tail());
    if (tail.contains("personz")) {
      return Assessment.reject("tail names PersonZ, a person the head does not introduce");
    }
    if (ATTRIBUTE_RELATIONS.contains(t.relation())) {
      if (tail.size() > maxAttributeWords) {
        return Assessment.reject("xAttr tail has " + tail.size()
            + " words; an attribute is a short phrase of at most " + maxAttributeWords);
      }
      for (String w : tail) {
        if (PERSONS.contains(w)) {
          return Assessment.reject("xAttr tail names a person (\"" + w
              + "\"); an attribute describes PersonX");
        }
      }
      if (!tail.isEmpty() && tail.get(0).equals("to")) {
        return Assessment.reject("xAttr tail \"" + t.tail()
            + "\" is an intent (\"to ...\"), not an attribute");
      }
    }
    return Assessment.keep();
  }

  private static Assessment comparative(Comparative c) {
    String statement = " " + String.join(" ", Words.of(c.statement())) + " ";
    for (String[] part : new String[][] {{"subject", c.subject()}, {"object", c.object()},
        {"adjective", c.adjective()}}) {
      String needle = " " + String.join(" ", Words.of(part[1])) + " ";
      if (!statement.contains(needle)) {
        return Assessment.reject("statement does not name the " + part[0] + " \""
            + part[1].toLowerCase(Locale.ROOT) + "\"");
      }
    }
    return Assessment.keep();
  }

  private static Assessment rationale(Rationale r) {
    if (r.choices().isEmpty()) {
      return Assessment.keep();
    }
    if (AnswerExtractor.matchChoice(r.answer(), r.choices()) < 0) {
      return Assessment.reject("answer \"" + r.answer() + "\" is none of the choices "
          + r.choices());
    }
    return Assessment.keep();
  }
}
