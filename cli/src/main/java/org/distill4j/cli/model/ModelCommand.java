package org.distill4j.cli.model;

import picocli.CommandLine.Command;

/** Groups the commands that prepare student models. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = {
      "Prepare pretrained student models as Hugging Face folders (config.json,"
          + " model.safetensors, tokenizer.json) that distill4j's DJL encoders load and train."
    },
    footer = {"", "Typical use:",
      "  distill model import-onnx --builtin all-minilm-l6-v2 --out models/minilm"},
    subcommands = {ImportOnnxCommand.class})
public final class ModelCommand {}
