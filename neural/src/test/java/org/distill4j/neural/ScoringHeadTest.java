package org.distill4j.neural;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringHeadTest {
  @TempDir Path dir;

  @Test
  void savedParametersLoadIntoTheSameLayout() throws Exception {
    HeadLayout layout = HeadLayout.withDropout(3, HeadLayout.Activation.GELU, 0.2f);
    Shape input = new Shape(1, 4);
    try (ScoringHead head = ScoringHead.untrained("head", layout, null).initialize(input)) {
      head.save(dir);
      try (ScoringHead again = ScoringHead.load(dir, "head", layout, input, null)) {
        assertThat(out(again)).containsExactly(out(head));
      }
    }
  }

  @Test
  void theDropoutLayerIsThereOnlyWhenAsked() {
    assertThat(ScoringHead.block(HeadLayout.plain(2, HeadLayout.Activation.RELU))
        .getChildren().size()).isEqualTo(3);
    assertThat(ScoringHead.block(HeadLayout.withDropout(2, HeadLayout.Activation.RELU, 0f))
        .getChildren().size()).isEqualTo(4);
  }

  @Test
  void memoizingAsksOnlyForUnseenTextsInChunks() {
    AtomicInteger calls = new AtomicInteger();
    MemoizingEmbedder e = new MemoizingEmbedder(texts -> {
      calls.incrementAndGet();
      assertThat(texts.size()).isLessThanOrEqualTo(2);
      return texts.stream().map(t -> new float[] {t.length()}).toList();
    }, 2);
    assertThat(e.embed(List.of("a", "bb", "a", "ccc"))).extracting(v -> v[0])
        .containsExactly(1f, 2f, 1f, 3f);
    assertThat(calls).hasValue(2);
    e.embed(List.of("bb", "ccc"));
    assertThat(calls).hasValue(2);
  }

  private static float[] out(ScoringHead head) {
    try (NDManager m = head.model().getNDManager().newSubManager()) {
      NDArray in = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 4));
      return head.model().getBlock()
          .forward(new ParameterStore(m, false), new NDList(in), false).head().toFloatArray();
    }
  }
}
