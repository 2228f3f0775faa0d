package org.distill4j.neural.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.core.embed.TextEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingStoreTest {
  @TempDir Path dir;

  /** A fake model: the vector is (length, first char), counting texts it is asked for. */
  static final class Counting implements TextEmbedder {
    final AtomicInteger asked = new AtomicInteger();

    @Override
    public List<float[]> embed(List<String> texts) {
      asked.addAndGet(texts.size());
      List<float[]> out = new ArrayList<>();
      texts.forEach(t -> out.add(new float[] {t.length(), t.charAt(0)}));
      return out;
    }
  }

  @Test
  void secondProcessReadsWhatTheFirstEmbedded() {
    Counting model = new Counting();
    new CachingEmbedder(model, "m", EmbeddingStore.open(dir), 2, null)
        .embed(List.of("alpha", "be", "gamma"));
    List<float[]> again = new CachingEmbedder(model, "m", EmbeddingStore.open(dir), 2, null)
        .embed(List.of("gamma", "alpha", "delta"));
    assertThat(model.asked.get()).isEqualTo(4); // only "delta" was new
    assertThat(again.get(0)).containsExactly(5, 'g');
    assertThat(again.get(2)).containsExactly(5, 'd');
  }

  @Test
  void anotherModelNeverSharesVectors() {
    Counting model = new Counting();
    EmbeddingStore store = EmbeddingStore.open(dir);
    new CachingEmbedder(model, "a", store, 8, null).embed(List.of("x"));
    new CachingEmbedder(model, "b", store, 8, null).embed(List.of("x"));
    assertThat(model.asked.get()).isEqualTo(2);
  }

  @Test
  void tornTailIsIgnoredThenCutByTheNextWriter() throws IOException {
    EmbeddingStore first = EmbeddingStore.open(dir);
    first.putAll(List.of(EmbeddingStore.key("m", "a")), List.of(new float[] {1, 2}));
    Path file = dir.resolve(EmbeddingStore.FILE);
    long whole = Files.size(file);
    // A writer killed mid-record: half a record at the end.
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2),
        StandardOpenOption.APPEND);

    EmbeddingStore reopened = EmbeddingStore.open(dir);
    assertThat(reopened.size()).isEqualTo(1);
    reopened.putAll(List.of(EmbeddingStore.key("m", "b")), List.of(new float[] {3, 4}));
    assertThat(Files.size(file)).isEqualTo(2 * whole);
    EmbeddingStore third = EmbeddingStore.open(dir);
    assertThat(third.get(EmbeddingStore.key("m", "b"))).containsExactly(3, 4);
    assertThat(third.get(EmbeddingStore.key("m", "a"))).containsExactly(1, 2);
  }

  @Test
  void corruptedRecordStopsReadingButNeverFails() throws IOException {
    EmbeddingStore s = EmbeddingStore.open(dir);
    s.putAll(List.of(EmbeddingStore.key("m", "a"), EmbeddingStore.key("m", "b")),
        List.of(new float[] {1}, new float[] {2}));
    Path file = dir.resolve(EmbeddingStore.FILE);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 6] ^= 0x55; // flip bits inside the second vector
    Files.write(file, bytes);
    EmbeddingStore reopened = EmbeddingStore.open(dir);
    assertThat(reopened.size()).isEqualTo(1);
    assertThat(reopened.get(EmbeddingStore.key("m", "a"))).containsExactly(1);
  }

  @Test
  void concurrentWritersKeepEveryRecordWhole() throws Exception {
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int id = w;
      // Separate stores: like separate processes, they meet only through the file and its lock.
      EmbeddingStore own = EmbeddingStore.open(dir);
      threads.add(new Thread(() -> {
        for (int i = 0; i < 25; i++) {
          own.putAll(List.of(EmbeddingStore.key("m", id + ":" + i)),
              List.of(new float[] {id, i}));
        }
      }));
    }
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    EmbeddingStore all = EmbeddingStore.open(dir);
    assertThat(all.size()).isEqualTo(100);
    assertThat(all.get(EmbeddingStore.key("m", "3:24"))).containsExactly(3, 24);
  }

  @Test
  void recordsAcrossReadChunksAreAllIndexed() {
    // 1,000 vectors of 384 floats: 1.5 MB, more than one read chunk.
    List<String> keys = new ArrayList<>();
    List<float[]> values = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      keys.add(EmbeddingStore.key("m", "t" + i));
      float[] v = new float[384];
      v[383] = i;
      values.add(v);
    }
    EmbeddingStore.open(dir).putAll(keys, values);
    EmbeddingStore reopened = EmbeddingStore.open(dir);
    assertThat(reopened.size()).isEqualTo(1000);
    assertThat(reopened.get(EmbeddingStore.key("m", "t999"))[383]).isEqualTo(999);
  }

  @Test
  void manyMissesAreBatchedAndReportProgress() {
    Counting model = new Counting();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    List<Integer> calls = new ArrayList<>();
    TextEmbedder recording = texts -> {
      calls.add(texts.size());
      return model.embed(texts);
    };
    new CachingEmbedder(recording, "m", EmbeddingStore.open(dir), 2,
        new java.io.PrintStream(err, true)).embed(List.of("a", "b", "c", "d", "e"));
    assertThat(calls).containsExactly(2, 2, 1);
    assertThat(err.toString()).contains("embedded 5/5 texts");
  }

  @Test
  void durationReadsAsMinutesAndSeconds() {
    assertThat(CachingEmbedder.duration(125)).isEqualTo("2m05s");
    assertThat(CachingEmbedder.duration(7.4)).isEqualTo("7s");
  }
}
