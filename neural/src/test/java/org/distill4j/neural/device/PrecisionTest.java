package org.distill4j.neural.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

class PrecisionTest {
  @Test
  void parsesTheNamesInAnyCaseAndBlankAsAuto() {
    assertThat(Precision.parse("FP16")).isEqualTo(Precision.FP16);
    assertThat(Precision.parse(" float32 ")).isEqualTo(Precision.FLOAT32);
    assertThat(Precision.parse("bf16")).isEqualTo(Precision.BF16);
    assertThat(Precision.parse(null)).isEqualTo(Precision.AUTO);
    assertThat(Precision.parse("")).isEqualTo(Precision.AUTO);
    assertThatThrownBy(() -> Precision.parse("half"))
        .hasMessageContaining("auto, float32 or fp16").hasMessageContaining("half");
  }

  @Test
  void autoIsFloat32OnEveryDeviceAndFp16OnlyWhenAskedFor() {
    assertThat(Precision.AUTO.resolve(Device.cpu())).isEqualTo(DataType.FLOAT32);
    assertThat(Precision.AUTO.resolve(Device.gpu())).isEqualTo(DataType.FLOAT32);
    assertThat(Precision.FLOAT32.resolve(Device.gpu())).isEqualTo(DataType.FLOAT32);
    assertThat(Precision.FP16.resolve(Device.cpu())).isEqualTo(DataType.FLOAT16);
  }

  @Test
  void bf16IsRefusedWithTheReasonRatherThanAbortingInTheJni() {
    assertThatThrownBy(() -> Precision.BF16.resolve(Device.cpu()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no bf16 cast");
  }
}
