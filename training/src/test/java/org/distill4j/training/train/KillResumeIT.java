package org.distill4j.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.distill4j.core.io.JsonLinesReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process killed with SIGKILL in the middle of a run, then started again, ends with
 * the same per-epoch losses as a run that was never interrupted.
 */
class KillResumeIT {
  @TempDir Path dir;

  private Path config(String name) throws Exception {
    Path corpus = dir.resolve("train.jsonl");
    if (!Files.exists(corpus)) {
      TinyCorpus.write(corpus, TinyCorpus.triples());
    }
    return Files.writeString(dir.resolve(name + ".yaml"), String.join("\n",
        "train: train.jsonl", "dev: train.jsonl", "out: " + name, "seed: 3", "device: cpu",
        "epochs: 12", "batch_size: 2", "learning_rate: 0.003", "patience: 0",
        "vocabulary_size: 400",
        "model: {embedding: 32, heads: 2, layers: 1, hidden: 64, max_length: 24, dropout: 0.1}",
        "evaluation: {limit: 8, max_new_tokens: 8}", ""));
  }

  private static Process child(Path config) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1", "-cp", System.getProperty("java.class.path"),
        TrainChild.class.getName(), config.toString())
        .redirectErrorStream(true)
        .redirectOutput(config.resolveSibling(config.getFileName() + ".log").toFile())
        .start();
  }

  private static List<double[]> losses(Path metrics) {
    List<double[]> out = new ArrayList<>();
    try (JsonLinesReader<EpochMetrics> r = JsonLinesReader.open(metrics, EpochMetrics.class)) {
      r.forEach(m -> out.add(new double[] {m.epoch(), m.loss(), m.devLoss(), m.devMetric()}));
    }
    return out;
  }

  @Test
  void sigkillMidRunThenRestartRepeatsTheUninterruptedLosses() throws Exception {
    Process straight = child(config("straight"));
    assertThat(straight.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(straight.exitValue()).isZero();

    Path killedConfig = config("killed");
    Process victim = child(killedConfig);
    Path checkpoints = dir.resolve("killed/checkpoints");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.isDirectory(checkpoints.resolve("epoch-0004")) && victim.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(victim.isAlive()).as("still training when killed").isTrue();
    victim.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
    victim.waitFor();
    int done = losses(dir.resolve("killed/metrics.jsonl")).size();
    // The kill can land between epoch 4's checkpoint rename and its metrics line; resume rewrites
    // metrics.jsonl from the checkpoint's history, which the size check below proves.
    assertThat(done).isBetween(3, 11);

    Process resumed = child(killedConfig);
    assertThat(resumed.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(resumed.exitValue()).isZero();
    assertThat(Files.readString(dir.resolve("killed.yaml.log"))).contains("resuming after epoch");

    List<double[]> a = losses(dir.resolve("straight/metrics.jsonl"));
    List<double[]> b = losses(dir.resolve("killed/metrics.jsonl"));
    assertThat(b).hasSize(12);
    for (int i = 0; i < 12; i++) {
      assertThat(b.get(i)).as("epoch %d", i + 1).containsExactly(a.get(i));
    }
  }
}
