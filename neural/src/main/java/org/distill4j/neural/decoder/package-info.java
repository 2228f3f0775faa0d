/**
 * Pretrained decoder language models from Hugging Face folders, as DJL blocks whose parameters
 * carry the Hugging Face names: GPT-2 and the Llama family (Llama 2/3, Qwen2/2.5, Mistral,
 * SmolLM). Loading (single or sharded safetensors), a key/value cache, low-rank adapters, and
 * saving back as a merged folder or a PEFT adapter.
 */
package org.distill4j.neural.decoder;
