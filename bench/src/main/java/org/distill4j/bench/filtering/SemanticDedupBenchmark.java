package org.distill4j.bench.filtering;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.seed.FieldMapping;
import org.distill4j.core.seed.Seed;
import org.distill4j.core.seed.SeedReader;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.dedup.SemanticDedupCritic;
import org.distill4j.neural.MiniLm;

/**
 * Semantic dedup throughput against the embedding model's own {@code embed} throughput, in the
 * same process on the same texts and batches: N ATOMIC 2019 dev triples (human-written; default
 * 2,000). Baseline and candidate alternate over several rounds (default 4), and which of them
 * runs first alternates too, so that machine noise and warm caches hit both alike;
 * the ratio of the medians is the result (target at least 0.9).
 *
 * <p>Usage: {@code SemanticDedupBenchmark ATOMIC_DEV_CSV [N] [rounds]}
 */
public final class SemanticDedupBenchmark {
  private SemanticDedupBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args.length > 0 ? args[0] : "../shared/data/atomic2019/v4_atomic_dev.csv");
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int batch = 256;
    Set<CommonsenseTriple> triples = new LinkedHashSet<>();
    outer:
    for (Seed s : SeedReader.readAll(csv, FieldMapping.identity())) {
      for (String rel : List.of("xIntent", "xEffect", "xReact", "xWant", "xNeed", "xAttr")) {
        for (JsonNode tail : CorpusJson.json().readTree(s.require(rel))) {
          if (!tail.asText().isBlank() && !tail.asText().equalsIgnoreCase("none")) {
            triples.add(new CommonsenseTriple(s.require("event"), rel, tail.asText()));
            if (triples.size() == n) {
              break outer;
            }
          }
        }
      }
    }
    List<CorpusRecord> records = triples.stream()
        .map(t -> CorpusRecord.of(t, Provenance.imported("atomic2019"))).toList();
    TextEmbedder model = MiniLm.embedder();
    model.embed(List.of("warm up the model"));
    List<Double> base = new ArrayList<>();
    List<Double> cand = new ArrayList<>();
    long dropped = 0;
    for (int r = 0; r < rounds; r++) {
      // Odd rounds run the model alone first, even rounds the critic first: whichever runs
      // second inherits a warmer cache and the other's garbage, so neither keeps that place.
      boolean baseFirst = r % 2 == 0;
      if (baseFirst) {
        base.add(embedAll(model, records, batch));
      }
      long t0 = System.nanoTime();
      dropped = dedup(model, records, batch);
      cand.add(records.size() / ((System.nanoTime() - t0) / 1e9));
      if (!baseFirst) {
        base.add(embedAll(model, records, batch));
      }
      System.out.printf(Locale.ROOT, "round %d (%s first): embedAll %.1f texts/s, semantic dedup"
          + " %.1f records/s (%d dropped at cosine 0.9), ratio %.3f%n", r + 1,
          baseFirst ? "embedAll" : "dedup", base.get(r), cand.get(r), dropped,
          cand.get(r) / base.get(r));
    }
    double b = median(base);
    double c = median(cand);
    System.out.printf(Locale.ROOT, "median: embedAll %.1f/s, semantic dedup %.1f/s, ratio %.3f"
        + " (target >= 0.9), %d records%n", b, c, c / b, records.size());
  }

  /** The model alone on the records' texts, in the same batches: texts per second. */
  private static double embedAll(TextEmbedder model, List<CorpusRecord> records, int batch) {
    long t0 = System.nanoTime();
    for (int i = 0; i < records.size(); i += batch) {
      model.embed(records.subList(i, Math.min(records.size(), i + batch)).stream()
          .map(x -> x.knowledge().text()).toList());
    }
    return records.size() / ((System.nanoTime() - t0) / 1e9);
  }

  /** A fresh critic over the records in batches; returns how many it dropped. */
  private static long dedup(TextEmbedder model, List<CorpusRecord> records, int batch) {
    SemanticDedupCritic critic = new SemanticDedupCritic(model, 0.9);
    long dropped = 0;
    for (int i = 0; i < records.size(); i += batch) {
      for (Assessment a : critic.assess(records.subList(i, Math.min(records.size(), i + batch)))) {
        dropped += a.kept() ? 0 : 1;
      }
    }
    return dropped;
  }

  private static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    return s.get(s.size() / 2);
  }
}
