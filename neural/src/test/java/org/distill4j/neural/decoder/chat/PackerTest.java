package org.distill4j.neural.decoder.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackerTest {
  private static final long PAD = 0;

  /** An example of ids {@code first, first + 1, …}; the last {@code targets} tokens are targets. */
  private static SftExample example(int first, int length, int targets) {
    long[] ids = new long[length];
    int[] mask = new int[length];
    for (int i = 0; i < length; i++) {
      ids[i] = first + i;
      mask[i] = i >= length - targets ? 1 : 0;
    }
    return new SftExample(ids, mask, 0);
  }

  @Test
  void packsFirstFitDecreasingWithPositionsAndSegmentsPerExample() {
    List<PackedRow> rows = new Packer(8, PAD).pack(List.of(
        example(10, 3, 1), example(20, 6, 2), example(30, 2, 1), example(40, 4, 1)));

    // Longest first: 6 opens row 1, 4 opens row 2, 3 joins row 2, 2 fills row 1.
    assertThat(rows).containsExactly(
        new PackedRow(new long[] {20, 21, 22, 23, 24, 25, 30, 31},
            new int[] {0, 0, 0, 0, 1, 1, 0, 1},
            new long[] {0, 1, 2, 3, 4, 5, 0, 1},
            new int[] {1, 1, 1, 1, 1, 1, 2, 2}),
        new PackedRow(new long[] {40, 41, 42, 43, 10, 11, 12, PAD},
            new int[] {0, 0, 0, 1, 0, 0, 1, 0},
            new long[] {0, 1, 2, 3, 0, 1, 2, 0},
            new int[] {1, 1, 1, 1, 2, 2, 2, 0}));
  }

  @Test
  void labelsNeverCrossIntoTheNextExample() {
    PackedRow row = new Packer(8, PAD).pack(List.of(example(20, 6, 2), example(30, 2, 1))).get(0);

    assertThat(row.labels()).containsExactly(-100, -100, -100, 24, 25, -100, 31, -100);
  }

  @Test
  void attentionIsCausalWithinASegmentOnly() {
    PackedRow row = new Packer(8, PAD).pack(List.of(example(40, 4, 1), example(10, 3, 1))).get(0);

    assertThat(row.attends(2, 0)).isTrue();
    assertThat(row.attends(0, 2)).isFalse();
    assertThat(row.attends(5, 3)).isFalse();
    assertThat(row.attends(6, 4)).isTrue();
    assertThat(row.attends(7, 7)).isFalse();
  }

  @Test
  void padsEachExampleOnTheRightInInputOrder() {
    List<PackedRow> rows = new Packer(5, 99).pad(List.of(example(10, 3, 1), example(20, 5, 1)));

    assertThat(rows).containsExactly(
        new PackedRow(new long[] {10, 11, 12, 99, 99}, new int[] {0, 0, 1, 0, 0},
            new long[] {0, 1, 2, 0, 0}, new int[] {1, 1, 1, 0, 0}),
        new PackedRow(new long[] {20, 21, 22, 23, 24}, new int[] {0, 0, 0, 0, 1},
            new long[] {0, 1, 2, 3, 4}, new int[] {1, 1, 1, 1, 1}));
  }

  @Test
  void packingKeepsEveryTargetOnceAndIsDeterministic() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    List<SftExample> examples = random.ints(40, 2, 17)
        .mapToObj(n -> example(random.nextInt(1000), n, 1 + random.nextInt(n - 1))).toList();
    Packer packer = new Packer(16, PAD);

    List<PackedRow> rows = packer.pack(examples);

    long targets = examples.stream().mapToLong(SftExample::targetCount).sum();
    long tokens = examples.stream().mapToLong(SftExample::length).sum();
    assertThat(rows.stream().mapToLong(r -> java.util.Arrays.stream(r.labels())
        .filter(l -> l != PackedRow.IGNORE_INDEX).count()).sum())
        .as("seed %d", seed).isEqualTo(targets);
    assertThat(rows.stream().mapToLong(r -> java.util.Arrays.stream(r.segments())
        .filter(s -> s != PackedRow.PAD_SEGMENT).count()).sum()).isEqualTo(tokens);
    assertThat(packer.pack(examples)).as("seed %d", seed).isEqualTo(rows);
  }

  @Test
  void refusesAnExampleLongerThanTheRow() {
    assertThatThrownBy(() -> new Packer(4, PAD).pack(List.of(example(1, 3, 1), example(1, 5, 1))))
        .hasMessageContaining("example 1 has 5 tokens, more than the row length 4");
  }

  @Test
  void examplesRefuseATargetAtTheFirstToken() {
    assertThatThrownBy(() -> new SftExample(new long[] {1, 2}, new int[] {1, 1}, 0))
        .hasMessageContaining("must be 0 at the first token");
  }
}
