package org.distill4j.cli.model;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.distill4j.core.io.InputException;
import org.distill4j.neural.bert.BertConfig;
import org.distill4j.neural.onnx.OnnxBertImporter;
import org.distill4j.neural.onnx.OnnxFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Converts a BERT ONNX export into a Hugging Face folder. */
@Command(
    name = "import-onnx",
    mixinStandardHelpOptions = true,
    description = {
      "Convert a BERT-family ONNX export (as Hugging Face's exporter writes it) into a Hugging"
          + " Face folder: config.json inferred from the tensor shapes, model.safetensors with"
          + " every weight under its Hugging Face name (Linear weights, stored transposed in the"
          + " export, are named after the MatMul node that reads them and transposed back), and"
          + " the tokenizer.json copied.",
      "",
      "Give either --builtin (the model inside LangChain4j's embeddings jar, no download) or"
          + " --onnx with --tokenizer. The folder then loads in distill4j's DJL BERT encoder. Its"
          + " layout is the one transformers' BertModel.from_pretrained reads (not tried here);"
          + " exports carry no pooler, so transformers would start one afresh."
    },
    footer = {"", "Examples:",
      "  distill model import-onnx --builtin all-minilm-l6-v2 --out models/minilm",
      "  distill model import-onnx --onnx model.onnx --tokenizer tokenizer.json --heads 12"
          + " --out models/mine",
      "", "Exit status: 0 written, 2 bad input (the message names the file and the tensor)."})
public final class ImportOnnxCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Folder to write; created when missing, its three files replaced.")
  Path out;

  @Option(names = "--builtin", paramLabel = "NAME",
      description = "A model bundled on the classpath; only " + OnnxBertImporter.BUILTIN + ".")
  String builtin;

  @Option(names = "--onnx", paramLabel = "FILE", description = "The ONNX model file.")
  Path onnx;

  @Option(names = "--tokenizer", paramLabel = "FILE",
      description = "The model's tokenizer.json (Hugging Face tokenizers format).")
  Path tokenizer;

  @Option(names = "--heads", paramLabel = "N",
      description = "Attention heads. Default: read from the graph's attention scaling"
          + " (1/sqrt(head size)); give it when the export has none.")
  Integer heads;

  @Override
  public Integer call() throws IOException {
    checkSource();
    BertConfig config;
    try {
      config = builtin != null ? OnnxBertImporter.importBuiltin(out)
          : OnnxBertImporter.importFiles(onnx, tokenizer, heads, out);
    } catch (OnnxFormatException e) {
      throw new InputException(e.getMessage());
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf("wrote %s: BERT, %d layers, hidden %d, %d heads, intermediate %d, vocabulary %,d,"
            + " %d positions%n", out, config.numHiddenLayers(), config.hiddenSize(),
        config.numAttentionHeads(), config.intermediateSize(), config.vocabSize(),
        config.maxPositionEmbeddings());
    w.flush();
    return 0;
  }

  private void checkSource() {
    if ((builtin == null) == (onnx == null)) {
      throw new ParameterException(spec.commandLine(),
          "give either --builtin NAME or --onnx FILE with --tokenizer FILE");
    }
    if (builtin != null) {
      if (!builtin.equals(OnnxBertImporter.BUILTIN)) {
        throw new ParameterException(spec.commandLine(), "--builtin " + builtin
            + ": unknown model; the one bundled is " + OnnxBertImporter.BUILTIN);
      }
      if (heads != null || tokenizer != null) {
        throw new ParameterException(spec.commandLine(),
            "--builtin brings its own tokenizer and head count; drop --tokenizer and --heads");
      }
      return;
    }
    if (tokenizer == null) {
      throw new ParameterException(spec.commandLine(), "--onnx needs --tokenizer FILE");
    }
    for (Path file : new Path[] {onnx, tokenizer}) {
      if (!Files.isRegularFile(file)) {
        throw new InputException(file + ": no such file");
      }
    }
  }
}
