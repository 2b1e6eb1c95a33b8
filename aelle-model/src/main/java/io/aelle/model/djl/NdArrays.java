package io.aelle.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.aelle.wire.checkpoint.Tensor;

/** Conversions between DJL arrays and the checkpoint format's tensors (trained parameters → safetensors). */
public final class NdArrays {

    private NdArrays() {}

    /** The array's values (as float32, the checkpoint's written precision) under {@code name}, same shape. */
    public static Tensor toTensor(String name, NDArray a) {
        float[] f = a.toType(DataType.FLOAT32, false).toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        long[] s = a.getShape().getShape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = Math.toIntExact(s[i]);
        }
        return new Tensor(name, shape, d);
    }
}
