package org.distill4j.cli.train;

import java.nio.file.Path;
import org.distill4j.core.lock.FolderLock;
import java.util.concurrent.Callable;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.cli.options.SettingSpelling;
import org.distill4j.pipeline.KnowledgeBaseRetrievers;
import org.distill4j.training.Training;
import org.distill4j.training.config.RunFolder;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.train.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code distill train}: trains or resumes a student from a YAML config. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    header = "Train a small student on a distilled corpus (DJL, PyTorch engine, CPU or GPU).",
    description = {
      "",
      "Four students:",
      "  generative  a Transformer trained from scratch that writes the target for an input",
      "              (head + relation -> tail, question -> rationale + answer, entity pair ->",
      "              comparative, passage + question -> answer)",
      "  scorer      a small network on frozen all-MiniLM-L6-v2 embeddings that picks the answer",
      "              of a multiple-choice question (task: choice) or tells kept records from",
      "              rejected ones (task: validity)",
      "  encoder     the scorer's tasks by fine-tuning a pretrained BERT-family encoder (base)",
      "              as a cross-encoder of question and choice; slower, reads them together.",
      "              Its checkpoints are the fine-tuner's (" + RunFolder.CHECKPOINTS + "/state.json),",
      "              its final model a Hugging Face folder (" + RunFolder.MODEL + "/)",
      "  decoder     a pretrained decoder LM (base: a Hugging Face folder of GPT-2, Llama,",
      "              Qwen2, Mistral or SmolLM) fine-tuned to write each target, fully or with",
      "              LoRA; examples become chats in the model's own chat template, with loss",
      "              on the reply only; saved merged in " + RunFolder.MODEL
          + "/ and as a PEFT adapter in adapter/",
      "              (the layouts vLLM, llama.cpp's converter, transformers and PEFT read)",
      "",
      "Run folder (out): " + RunFolder.CHECKPOINTS
          + "/epoch-NNNN (the latest and the best are kept),",
      RunFolder.METRICS
          + " (one line per epoch: loss, dev loss, exact match or accuracy, tokens/s),",
      RunFolder.REPORT
          + " (the final report). Run the same command again after a kill: it resumes",
      "from the last checkpoint (parameters, Adam state, epoch, early-stopping counters) and",
      "repeats the losses of an uninterrupted run. One process per run folder: a second",
      "command on it exits 1 at once, naming the first one's PID.",
      ""
    },
    footer = {
      "",
      "Config (YAML; paths relative to the config file; all but train and out optional):",
      "  student: generative            # or scorer, encoder, decoder",
      "  train: corpus/train.jsonl      # corpus records, e.g. filtered/kept.jsonl",
      "  dev: corpus/dev.jsonl          # else dev_fraction of train (split by input)",
      "  dev_fraction: 0.1",
      "  out: runs/student",
      "  seed: 42",
      "  device: auto                   # auto (GPU when present), cpu or gpu",
      "  epochs: 10",
      "  batch_size: 32",
      "  learning_rate: 0.001           # encoder: 0.00003; decoder: 0.00002, with lora 0.0002",
      "  learning_rate_decay: {from_epoch: 9, final_factor: 0.1}",
      "                                 # constant, then linear decay to 0.1 x the rate",
      "                                 #   by the last epoch; absent = constant",
      "  patience: 3                    # early stopping on dev loss; 0 = never",
      "  weight_score: critic           # weigh examples by this corpus score",
      "  tokenizer: tokenizer.json      # Hugging Face; else a byte-pair vocabulary is learnt",
      "  vocabulary_size: 2000",
      "  model: {embedding: 128, heads: 4, layers: 2, hidden: 256, max_length: 64,",
      "          dropout: 0.1}",
      "  scorer: {task: choice, hidden: 256, dropout: 0.1}   # encoder: reads task only",
      "  base: minilm                   # encoder: a pretrained BERT folder; made by",
      "                                 #   distill model import-onnx --builtin",
      "                                 #   all-minilm-l6-v2 --out minilm",
      "  encoder: {max_tokens: 128, warmup_fraction: 0.1, weight_decay: 0.01,",
      "            accumulation: 1, clip_norm: 1.0, class_weights: none,",
      "            lora: {rank: 8, alpha: 16}}   # lora absent = train every weight",
      "  decoder: {max_tokens: 512, pack: true, warmup_fraction: 0.03, weight_decay: 0,",
      "            accumulation: 1, clip_norm: 1.0, freeze_layers: 0, system: null,",
      "            lora: {rank: 16, alpha: 32, dropout: 0.05,",
      "                   targets: [q_proj, k_proj, v_proj, o_proj]},",
      "            distillation: {logprobs: runs/t/logprobs.jsonl, divergence: forward-kl,",
      "                           temperature: 2, kd_weight: 0.5, skew: 0.1, taid_start: 0.2}}",
      "                                 # base: a decoder folder (config.json, safetensors",
      "                                 #   or shards, tokenizer.json, tokenizer_config.json);",
      "                                 #   distill model init-decoder makes a new one",
      "                                 # distillation: the teacher's stored top-k",
      "                                 #   (sampling.logprobs); same tokenizer needed;",
      "                                 #   logprobs absent = logprobs.jsonl beside train",
      "  distillation:                  # token-level KD from a local teacher run folder",
      "    {teacher: runs/big, divergence: forward-kl, temperature: 2, kd_weight: 0.5,",
      "     skew: 0.1, taid_start: 0.2} # divergences: forward-kl reverse-kl",
      "                                 #   skew-forward-kl skew-reverse-kl taid",
      "  retrieval: {kb: kb, mode: keyword, k: 3}   # keyword|bm25, vector or hybrid;",
      "                                 #   encoder: k facts per question + choice, as",
      "                                 #   the pair's second segment",
      "  evaluation: {limit: 200, max_new_tokens: 24}",
      "",
      "Example:",
      "  distill train --config train.yaml",
      "  distill eval --config train.yaml --data corpus/test.jsonl"
    })
public final class TrainCommand implements Callable<Integer>, SettingSpelling {
  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "T.yaml",
      description = "The training config (see below).")
  Path config;

  @Option(names = "--epochs", paramLabel = "N",
      converter = OptionRanges.AtLeastOne.class,
      description = "Override the config's epochs (e.g. to continue a finished run further).")
  Integer epochs;

  @Override
  public Integer call() throws Exception {
    StudentConfig c = Training.withEpochs(StudentConfig.read(config), epochs);
    var out = spec.commandLine().getOut();
    // One trainer per run folder: two would write the same checkpoints.
    try (FolderLock lock = FolderLock.acquire(c.out());
        KnowledgeBaseRetrievers retrievers = new KnowledgeBaseRetrievers()) {
      RunReport report = Training.train(c, retrievers, line -> out.println(line));
      out.printf("best epoch %d of %d (dev loss %.4f, dev %s %.4f)%s; report: %s%n",
          report.bestEpoch(), report.epochsRun(), report.bestDevLoss(), report.metric(),
          report.bestDevMetric(), report.stoppedEarly() ? ", stopped early" : "",
          Training.reportFile(c));
      out.flush();
    }
    return 0;
  }

  /** A training setting as this command's flag. */
  @Override
  public String spell(String setting) {
    return Training.EPOCHS.equals(setting) ? "--epochs" : setting;
  }
}
