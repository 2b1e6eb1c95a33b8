package io.aelle.model.embedding;

import io.aelle.wire.checkpoint.Tensor;

/** y = W·x + b with W stored row-major (out × in), the layout of PyTorch and DJL linear layers. */
record DenseLayer(double[] weight, double[] bias, int in, int out) {

    DenseLayer {
        if (weight.length != (long) in * out || bias.length != out) {
            throw new IllegalArgumentException("dense layer " + out + "x" + in + " has " + weight.length
                    + " weights and " + bias.length + " biases");
        }
    }

    static DenseLayer of(Tensor weight, Tensor bias) {
        if (weight.rank() != 2 || bias.rank() != 1 || bias.dim(0) != weight.dim(0)) {
            throw new IllegalArgumentException("parameters " + weight.name() + " " + weight.shapeString() + " and "
                    + bias.name() + " " + bias.shapeString() + " do not form a dense layer");
        }
        return new DenseLayer(weight.data(), bias.data(), weight.dim(1), weight.dim(0));
    }

    double[] apply(double[] x, boolean tanh) {
        double[] y = new double[out];
        for (int r = 0; r < out; r++) {
            double s = bias[r];
            int row = r * in;
            for (int c = 0; c < in; c++) {
                s += weight[row + c] * x[c];
            }
            y[r] = tanh ? Math.tanh(s) : s;
        }
        return y;
    }

    Tensor weightTensor(String name) {
        return new Tensor(name, new int[] {out, in}, weight);
    }

    Tensor biasTensor(String name) {
        return new Tensor(name, new int[] {out}, bias);
    }
}
