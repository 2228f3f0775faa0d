package org.distill4j.cli.train;

import org.distill4j.cli.options.OptionRanges;
import org.distill4j.pipeline.KnowledgeBaseRetrievers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.training.eval.EvaluationReport;
import org.distill4j.training.StudentEvaluation;
import org.distill4j.training.model.Decoding;
import org.distill4j.training.Training;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.config.StudentType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code distill eval}: scores a trained student on a corpus. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    header = "Score a trained student on a corpus, with and without retrieved facts.",
    description = {
      "",
      "A generative student is decoded greedily and scored by exact match (after",
      "normalisation, against any reference of the same input) and BLEU-2, beside the",
      "most-frequent-target baseline. A scorer is scored by accuracy, beside always",
      "answering the most frequent position or verdict; an encoder student likewise, plus",
      "average precision for validity. When the config has a retrieval section, the inputs",
      "are scored both as they are and with the top-k facts (prepended, or for an encoder",
      "student given per choice as the second segment).",
      "The report is printed as JSON and written to --out when given.",
      ""
    },
    footer = {"", "Example:",
      "  distill eval --config train.yaml --data corpus/test.jsonl --out runs/student/test.json"})
public final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "T.yaml",
      description = "The config the student was trained with.")
  Path config;

  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = "A checkpoint folder; default: the run's best checkpoint (an encoder"
          + " student's model folder).")
  Path checkpoint;

  @Option(names = "--data", paramLabel = "FILE",
      description = "The corpus to score; default: the config's dev file.")
  Path data;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
      converter = OptionRanges.ZeroOrMore.class,
      description = "Decode at most N distinct inputs (generative); 0 for all.")
  int limit;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the report here.")
  Path out;

  @Option(names = "--temperature", paramLabel = "T", defaultValue = "0",
      converter = OptionRanges.ZeroOrAbove.class,
      description = "Generative: 0 decodes greedily; above 0 samples from softmax(logits / T).")
  double temperature;

  @Option(names = "--top-k", paramLabel = "K", defaultValue = "0",
      converter = OptionRanges.ZeroOrMore.class,
      description = "Generative, sampling: only the K most likely tokens are candidates; 0 for"
          + " all.")
  int topK;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Generative, sampling: the sampler's seed.")
  long seed;

  @Override
  public Integer call() throws Exception {
    StudentConfig c = StudentConfig.read(config);
    Path ckpt = checkpoint != null ? checkpoint : Training.bestCheckpoint(c);
    if (ckpt == null || !Files.isDirectory(ckpt)) {
      throw new InputException(new SourceLocation(config, 0), "no checkpoint: train first"
          + " (distill train --config " + config + ") or pass --checkpoint DIR");
    }
    Path file = data != null ? data : c.dev();
    if (file == null) {
      throw new InputException(new SourceLocation(config, 0),
          "the config has no dev file; pass --data FILE");
    }
    try (KnowledgeBaseRetrievers retrievers = new KnowledgeBaseRetrievers()) {
      Decoding decoding = new Decoding(temperature, topK, seed);
      EvaluationReport report = c.student() == StudentType.SCORER
          ? StudentEvaluation.evaluate(c, ckpt, file, retrievers, limit)
          : StudentEvaluation.evaluate(c, ckpt, file, retrievers, limit, null, decoding);
      String json = CorpusJson.json().writerWithDefaultPrettyPrinter().writeValueAsString(report);
      spec.commandLine().getOut().println(json);
      if (out != null) {
        Files.writeString(out, json + "\n");
      }
    }
    return 0;
  }
}
