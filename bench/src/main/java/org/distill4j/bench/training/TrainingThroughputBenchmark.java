package org.distill4j.bench.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.distill4j.training.device.DeviceChoice;
import org.distill4j.training.loss.StudentLoss;
import org.distill4j.training.model.CausalLanguageModelBlock;
import org.distill4j.training.model.GenerativeStudent;
import org.distill4j.training.model.TransformerSize;
import org.distill4j.training.tokenizer.TextTokenizer;
import org.distill4j.training.train.ResumableAdam;

/**
 * Training tokens per second of the generative student (DJL, PyTorch engine) against the same
 * model, batch and optimizer written in plain PyTorch (Debian's python3-torch), run one after the
 * other in this invocation with the same thread count, over several rounds ({@code --rounds},
 * default 4) that alternate which side runs first. Both time full steps: forward, loss,
 * backward, Adam update, on a fixed batch of random tokens with every position labelled.
 *
 * <pre>
 * java -Dai.djl.pytorch.num_threads=2 -cp "bench/target/classes:bench/target/lib/*" \
 *   org.distill4j.bench.training.TrainingThroughputBenchmark --threads 2 --steps 30
 * </pre>
 */
public final class TrainingThroughputBenchmark {
  private TrainingThroughputBenchmark() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs args = new BenchArgs(argv);
    int threads = args.integer("threads", 2);
    int batch = args.integer("batch", 32);
    int length = args.integer("length", 32);
    int vocab = args.integer("vocab", 2000);
    int steps = args.integer("steps", 30);
    int warmup = args.integer("warmup", 5);
    String python = args.text("python", "/usr/bin/python3");
    System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    TransformerSize size = new TransformerSize(args.integer("embedding", 128),
        args.integer("heads", 4), args.integer("layers", 2), args.integer("hidden", 256),
        length + 1, 0.1f);
    System.out.printf("model: embedding %d, heads %d, layers %d, hidden %d, vocabulary %d;"
        + " batch %d x %d tokens; %d threads; %d timed steps after %d warm-up%n",
        size.embedding(), size.heads(), size.layers(), size.hidden(), vocab, batch, length,
        threads, steps, warmup);

    int rounds = args.integer("rounds", 4);
    List<Double> ratios = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      // Odd rounds DJL first, even rounds PyTorch first: a side that always ran second would
      // always meet the other's leftovers (page cache, CPU frequency, neighbours' bursts).
      boolean djlFirst = round % 2 == 1;
      Double torch = djlFirst ? null : pytorchTokensPerSecond(python, size, vocab, batch, length,
          steps, warmup, threads);
      double djl = djlTokensPerSecond(size, vocab, batch, length, steps, warmup);
      if (djlFirst) {
        torch = pytorchTokensPerSecond(python, size, vocab, batch, length, steps, warmup,
            threads);
      }
      if (torch == null) {
        System.out.printf("round %d: DJL (PyTorch engine) %.0f tokens/s; plain PyTorch not run"
            + " (no torch module for %s)%n", round, djl, python);
        continue;
      }
      ratios.add(djl / torch);
      System.out.printf("round %d (%s first): DJL (PyTorch engine) %.0f tokens/s, plain PyTorch"
          + " %.0f tokens/s, ratio %.2fx%n", round, djlFirst ? "DJL" : "PyTorch", djl, torch,
          djl / torch);
    }
    if (!ratios.isEmpty()) {
      ratios.sort(null);
      int mid = ratios.size() / 2;
      double median = ratios.size() % 2 == 1 ? ratios.get(mid)
          : (ratios.get(mid - 1) + ratios.get(mid)) / 2;
      System.out.printf("ratio DJL / PyTorch: median of %d rounds %.2fx%n", ratios.size(), median);
    }
  }

  static double djlTokensPerSecond(TransformerSize size, int vocab, int batch, int length,
      int steps, int warmup) {
    DeviceChoice.seedEngine(1);
    TextTokenizer fixedVocabulary = new FixedSizeTokenizer(vocab);
    try (GenerativeStudent student = GenerativeStudent.create(size, fixedVocabulary,
        DeviceChoice.AUTO.resolve());
        NDManager m = student.model().getNDManager().newSubManager()) {
      Random r = new Random(1);
      long[] ids = new long[batch * length];
      long[] labels = new long[batch * length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = TextTokenizer.SPECIALS + r.nextInt(vocab - TextTokenizer.SPECIALS);
        labels[i] = TextTokenizer.SPECIALS + r.nextInt(vocab - TextTokenizer.SPECIALS);
      }
      Shape shape = new Shape(batch, length);
      NDList data = new NDList(m.create(ids, shape),
          CausalLanguageModelBlock.causalMask(m, batch, length));
      NDArray ones = m.ones(shape);
      NDList labelList = new NDList(m.create(labels, shape), ones, ones);
      StudentLoss loss = new StudentLoss();
      ResumableAdam adam = new ResumableAdam(1e-3f, 1f,
          student.model().getBlock().getParameters());
      try (Trainer trainer = student.model().newTrainer(new DefaultTrainingConfig(loss)
          .optOptimizer(adam).optDevices(new Device[] {m.getDevice()}))) {
        long start = 0;
        for (int s = 0; s < warmup + steps; s++) {
          if (s == warmup) {
            start = System.nanoTime();
          }
          try (NDManager scope = m.newSubManager()) {
            try (GradientCollector c = trainer.newGradientCollector()) {
              c.zeroGradients();
              NDList pred = trainer.forward(data, labelList);
              NDArray l = loss.evaluate(labelList, pred);
              c.backward(l);
              l.getFloat();
            }
            trainer.step();
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return (double) steps * batch * length / seconds;
      }
    }
  }

  static Double pytorchTokensPerSecond(String python, TransformerSize size, int vocab,
      int batch, int length, int steps, int warmup, int threads) throws Exception {
    Path script = Files.createTempFile("d4j-torch-baseline", ".py");
    try {
      Files.writeString(script, PYTORCH_BASELINE);
      List<String> cmd = new ArrayList<>(List.of(python, script.toString(),
          String.valueOf(size.embedding()), String.valueOf(size.heads()),
          String.valueOf(size.layers()), String.valueOf(size.hidden()), String.valueOf(vocab),
          String.valueOf(batch), String.valueOf(length), String.valueOf(steps),
          String.valueOf(warmup), String.valueOf(threads)));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      int code = p.waitFor();
      if (code != 0) {
        if (out.contains("No module named 'torch'")) {
          return null;
        }
        throw new IllegalStateException("PyTorch baseline failed (" + code + "): " + out);
      }
      String last = out.substring(out.lastIndexOf('\n') + 1);
      return Double.parseDouble(last);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  /** A tokenizer that only fixes the vocabulary size: the benchmark feeds random ids. */
  private static final class FixedSizeTokenizer implements TextTokenizer {
    private final int size;

    FixedSizeTokenizer(int size) {
      this.size = size;
    }

    @Override
    public List<Integer> encode(String text) {
      throw new UnsupportedOperationException("the benchmark feeds token ids directly");
    }

    @Override
    public String decode(List<Integer> ids) {
      throw new UnsupportedOperationException("the benchmark feeds token ids directly");
    }

    @Override
    public int vocabularySize() {
      return size;
    }

    @Override
    public String fingerprint() {
      return "fixed-" + size;
    }

    @Override
    public void save(Path dir) {
      throw new UnsupportedOperationException("nothing to save");
    }
  }

  /**
   * The same network in plain PyTorch: token and position embeddings, pre-norm layers of
   * four-projection masked self-attention (mask added as -100000, as DJL's block does) and a GELU
   * feed-forward, a final layer norm, a linear head, cross-entropy, Adam.
   */
  private static final String PYTORCH_BASELINE = """
      import sys, time, math
      import torch
      import torch.nn as nn
      import torch.nn.functional as F
      E, H, L, FF, V, B, T, STEPS, WARM, THREADS = map(int, sys.argv[1:11])
      torch.set_num_threads(THREADS)
      torch.manual_seed(1)
      class Layer(nn.Module):
          def __init__(self):
              super().__init__()
              self.q, self.k, self.v, self.o = (nn.Linear(E, E) for _ in range(4))
              self.n1, self.n2 = nn.LayerNorm(E), nn.LayerNorm(E)
              self.f1, self.f2 = nn.Linear(E, FF), nn.Linear(FF, E)
              self.drop = nn.Dropout(0.1)
          def forward(self, x, mask):
              b, t, _ = x.shape
              h = self.n1(x)
              def heads(z):
                  return z.view(b, t, H, E // H).transpose(1, 2)
              q, k, v = heads(self.q(h)), heads(self.k(h)), heads(self.v(h))
              s = q @ k.transpose(2, 3) / math.sqrt(E // H) + mask
              a = self.drop(s.softmax(-1)) @ v
              x = x + self.drop(self.o(a.transpose(1, 2).reshape(b, t, E)))
              return x + self.drop(self.f2(F.gelu(self.f1(self.n2(x)))))
      class Model(nn.Module):
          def __init__(self):
              super().__init__()
              self.tok, self.pos = nn.Embedding(V, E), nn.Embedding(T + 1, E)
              self.layers = nn.ModuleList(Layer() for _ in range(L))
              self.norm, self.head = nn.LayerNorm(E), nn.Linear(E, V)
          def forward(self, ids, mask):
              x = self.tok(ids) + self.pos(torch.arange(ids.shape[1]))[None]
              for layer in self.layers:
                  x = layer(x, mask)
              return self.head(self.norm(x))
      model = Model()
      opt = torch.optim.Adam(model.parameters(), lr=1e-3)
      ids = torch.randint(4, V, (B, T))
      labels = torch.randint(4, V, (B, T))
      causal = torch.tril(torch.ones(T, T))
      mask = ((1 - causal) * -100000.0)[None, None]
      for step in range(WARM + STEPS):
          if step == WARM:
              start = time.perf_counter()
          opt.zero_grad()
          loss = F.cross_entropy(model(ids, mask).reshape(-1, V), labels.reshape(-1))
          loss.backward()
          opt.step()
          loss.item()
      print(STEPS * B * T / (time.perf_counter() - start))
      """;
}
