package org.distill4j.cli.model;

import picocli.CommandLine.Command;

/** Groups the commands that prepare student models. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = {
      "Prepare student models as Hugging Face folders (config.json, model.safetensors,"
          + " tokenizer.json) that distill4j's DJL encoders and decoders load and train, and"
          + " try decoders out."
    },
    footer = {"", "Typical use:",
      "  distill model import-onnx --builtin all-minilm-l6-v2 --out models/minilm",
      "  distill model init-decoder --corpus train.jsonl --out models/tiny",
      "  distill model generate --model runs/student/model --prompt 'PersonX bakes bread xIntent'"},
    subcommands = {ImportOnnxCommand.class, InitDecoderCommand.class, GenerateCommand.class})
public final class ModelCommand {}
