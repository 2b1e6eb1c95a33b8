package io.aelle.wire.checkpoint;

import java.util.Arrays;

/**
 * A named dense tensor, row-major, values widened to double whatever the stored dtype.
 * The arrays are shared, not copied: treat them as read-only.
 */
public record Tensor(String name, int[] shape, double[] data) {

    public Tensor {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension: " + Arrays.toString(shape));
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("tensor '" + name + "' shape " + Arrays.toString(shape) + " is too large");
            }
        }
        if (n != data.length) {
            throw new IllegalArgumentException("tensor '" + name + "' shape " + Arrays.toString(shape)
                    + " holds " + n + " values but " + data.length + " were given");
        }
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return data.length;
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && t.name.equals(name) && Arrays.equals(t.shape, shape) && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "Tensor[" + name + " " + shapeString() + "]";
    }
}
