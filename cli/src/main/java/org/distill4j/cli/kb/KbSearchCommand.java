package org.distill4j.cli.kb;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.distill4j.neural.bert.BertClassifier;
import org.distill4j.kb.search.CrossEncoderReranker;
import org.distill4j.kb.search.SearchHit;
import org.distill4j.kb.search.SearchMode;
import org.distill4j.kb.search.SearchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Searches a knowledge base by words, meaning, or both. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Find the records most relevant to TEXT. Modes: bm25 (words), vector (meaning, via"
          + " all-MiniLM-L6-v2), hybrid (both, merged by reciprocal rank fusion). Without"
          + " --mode: hybrid when the knowledge base has vectors, else bm25.",
    },
    footer = {"", "Examples:",
      "  distill kb search --kb kb \"PersonX adopts a dog\" -k 5 --relation xIntent",
      "  distill kb search --kb kb \"heavy metals\" --kind comparative --min-score 0.8 --json",
      "  distill kb search --kb kb \"why do people adopt dogs\" -k 5 --rerank 50"
          + " --reranker critic-model"})
public final class KbSearchCommand implements Callable<Integer>, KbSpelling {
  @Spec CommandSpec spec;
  @Mixin KbDirectory kb;

  @Parameters(paramLabel = "TEXT", description = "What to search for.")
  String text;

  @Option(names = "--mode", paramLabel = "MODE",
      description = "bm25, vector or hybrid (default: hybrid if vectors exist, else bm25).")
  SearchMode mode;

  @Option(names = "-k", paramLabel = "N", defaultValue = "10", description = "Hits to return.",
      converter = OptionRanges.AtLeastOne.class)
  int k;

  @Option(names = "--kind", paramLabel = "KIND",
      description = "Only this knowledge kind: qa, rationale, comparative or triple.")
  String kind;

  @Option(names = "--relation", paramLabel = "REL",
      description = "Only this relation (e.g. xIntent, or an adjective for comparatives).")
  String relation;

  @Option(names = "--min-score", paramLabel = "X",
      converter = OptionRanges.Finite.class,
      description = "Only records whose score --score-name is at least X.")
  Double minScore;

  @Option(names = "--score-name", paramLabel = "NAME", defaultValue = SearchRequest.DEFAULT_SCORE,
      description = "The score --min-score applies to.")
  String scoreName;

  @Option(names = "--json", description = "Print one JSON line per hit, with the whole record.")
  boolean json;

  @Option(names = "--rerank", paramLabel = "N", converter = OptionRanges.AtLeastOne.class,
      description = "Fetch N candidates with --mode, then re-order them by the cross-encoder"
          + " in --reranker and print the best -k. Scores are then the reranker's logits.")
  Integer rerank;

  @Option(names = "--reranker", paramLabel = "DIR",
      description = "A fine-tuned cross-encoder folder (Hugging Face"
          + " BertForSequenceClassification with one relevance output or two classes, e.g."
          + " made by distill critic train --encoder on query/passage pairs).")
  java.nio.file.Path reranker;

  @Override
  public Integer call() throws JsonProcessingException {
    SearchRequest request;
    try (KnowledgeBase base = kb.open(false)) {
      SearchMode m = mode != null ? mode : base.hasVectors() ? SearchMode.HYBRID : SearchMode.BM25;
      try {
        request = new SearchRequest(text, m, k, kind == null ? null : KnowledgeKind.fromId(kind),
            relation, scoreName, minScore);
      } catch (IllegalArgumentException e) {
        throw new InputException(e.getMessage());
      }
      List<SearchHit> hits = search(base, request);
      PrintWriter out = spec.commandLine().getOut();
      int rank = 1;
      for (SearchHit h : hits) {
        if (json) {
          var node = CorpusJson.json().createObjectNode();
          node.put("rank", rank);
          node.put("score", h.score());
          node.set("record", CorpusJson.json().valueToTree(h.record()));
          out.println(CorpusJson.json().writeValueAsString(node));
        } else {
          out.printf(Locale.ROOT, "%2d. %.4f  [%s/%s] %s%n", rank, h.score(),
              h.record().knowledge().kind().id(), h.record().knowledge().relation(),
              h.record().knowledge().text());
        }
        rank++;
      }
      if (hits.isEmpty() && !json) {
        out.println("no matches");
      }
      out.flush();
    }
    return 0;
  }

  private List<SearchHit> search(KnowledgeBase base, SearchRequest request) {
    if ((rerank == null) != (reranker == null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--rerank N and --reranker DIR go together: N candidates, re-ordered by the model");
    }
    try {
      if (rerank == null) {
        return base.search(request);
      }
      SearchRequest wide = new SearchRequest(request.text(), request.mode(),
          Math.max(rerank, request.k()), request.kind(), request.relation(),
          request.scoreName(), request.minScore());
      List<SearchHit> candidates = base.search(wide);
      try (BertClassifier model = BertClassifier.load(reranker, 256)) {
        return new CrossEncoderReranker(model).rerank(request.text(), candidates, request.k());
      } catch (java.io.IOException e) {
        throw new InputException(e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new InputException(reranker + ": " + e.getMessage());
      }
    } catch (IllegalStateException e) {
      throw new InputException(e.getMessage());
    }
  }
}
