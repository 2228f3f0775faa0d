package org.distill4j.training.train;

import org.distill4j.neural.decoder.chat.PackedRow;

/**
 * A decoder training row with the teacher targets of its one example, when they could be
 * aligned. Rows are unpacked while distilling because {@link PackedRow} does not say which
 * example a segment came from.
 *
 * @param row the row, one example long
 * @param teacher where its target sits in the teacher's reply; null trains on cross-entropy
 */
record DistilledRow(PackedRow row, TeacherSpan teacher) {
  DistilledRow {
    if (row == null) {
      throw new IllegalArgumentException("field \"row\" is missing");
    }
  }
}
