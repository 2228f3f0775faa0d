package org.distill4j.neural;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Every safetensors read and write of the project, through DJL's encoding.
 *
 * <p>Reading widens bfloat16 tensors to float32 as they are made. Most published checkpoints
 * (Llama 3.2, Qwen2.5, SmolLM2, many encoders) ship bfloat16 weights, and DJL's PyTorch engine
 * cannot hold a bfloat16 array: creating one aborts the JVM ("terminate called without an active
 * exception"). Widening is exact (a bfloat16 is the top half of a float32), and float32 is what
 * master weights are anyway. Writing goes through a temporary file and a rename, so a crash
 * never leaves a half-written file under the final name.
 */
public final class Safetensors {
  private Safetensors() {}

  /** Reads {@code file} into {@code manager}, bfloat16 tensors as float32. */
  public static NDList read(NDManager manager, Path file) throws IOException {
    InputStream raw = Files.newInputStream(file); // a missing file is named by its exception
    try (InputStream in = new BufferedInputStream(raw)) {
      return decode(manager, in);
    } catch (IOException | RuntimeException e) {
      throw new IOException(file + ": not a safetensors file this reader understands: "
          + e.getMessage(), e);
    }
  }

  /** Writes {@code arrays} (each named) as {@code file}, replacing it only whole. */
  public static void write(NDList arrays, Path file) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
      arrays.encode(out, NDList.Encoding.SAFETENSORS);
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** {@link NDList#decode} into {@code manager}, with bfloat16 tensors arriving as float32. */
  private static NDList decode(NDManager manager, InputStream in) throws IOException {
    NDManager widening = (NDManager) Proxy.newProxyInstance(NDManager.class.getClassLoader(),
        new Class<?>[] {NDManager.class}, (proxy, method, args) -> {
          if (isCreate(method) && args[2] == DataType.BFLOAT16) {
            return manager.create(widen((Buffer) args[0]), (Shape) args[1]);
          }
          try {
            return method.invoke(manager, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    return NDList.decode(widening, in);
  }

  private static boolean isCreate(Method method) {
    Class<?>[] types = method.getParameterTypes();
    return method.getName().equals("create") && types.length == 3
        && types[0] == Buffer.class && types[1] == Shape.class && types[2] == DataType.class;
  }

  /** The float32 values of little-endian bfloat16 bytes: each 16 bits shifted to the top. */
  static float[] widen(Buffer raw) {
    ByteBuffer bytes = ((ByteBuffer) raw).duplicate().order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[bytes.remaining() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = Float.intBitsToFloat((bytes.getShort() & 0xffff) << 16);
    }
    return out;
  }
}
