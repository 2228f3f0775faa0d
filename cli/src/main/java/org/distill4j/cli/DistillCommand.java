package org.distill4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.distill4j.cli.corpus.CorpusCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code distill} command; each stage of the pipeline is a subcommand. */
@Command(
    name = "distill",
    mixinStandardHelpOptions = true,
    versionProvider = DistillCommand.Version.class,
    usageHelpAutoWidth = true,
    showDefaultValues = true,
    header = "Knowledge distillation: teacher LLMs write knowledge, critics keep the good part,"
        + " a knowledge base holds it as symbols, small students learn from it.",
    description = {
      "",
      "The pipeline: generate (teacher writes knowledge from seeds and a recipe) -> filter"
          + " (rules, dedup, critics) -> kb (TDB2 + Lucene store, SPARQL and search) -> train"
          + " (a small student learns from it).",
      "",
      "Corpora are JSON Lines, one record per line; `distill corpus validate FILE` checks one;"
          + " `distill export` writes one out as Parquet, a Hugging Face dataset, or chat and"
          + " Alpaca files for fine-tuning elsewhere."
    },
    footer = {
      "",
      "Exit status: 0 success, 1 failure, 2 bad input or usage.",
      "Run `distill COMMAND --help` for a command's options and examples."
    },
    subcommands = {
      CorpusCommand.class,
      org.distill4j.cli.generate.GenerateCommand.class,
      org.distill4j.cli.filter.FilterCommand.class,
      org.distill4j.cli.filter.CriticCommand.class,
      org.distill4j.cli.kb.KbCommand.class,
      org.distill4j.cli.export.ExportCommand.class,
      org.distill4j.cli.train.TrainCommand.class,
      org.distill4j.cli.train.EvalCommand.class,
      org.distill4j.cli.run.RunCommand.class,
      org.distill4j.cli.model.ModelCommand.class,
    })
public final class DistillCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  boolean verbose;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: name one of "
        + spec.subcommands().keySet());
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = DistillCommand.class.getResourceAsStream(
          "/distill-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "distill4j " + p.getProperty("version", "unknown"),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
            + ")"
      };
    }
  }
}
