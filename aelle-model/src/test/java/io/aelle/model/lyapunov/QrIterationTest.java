package io.aelle.model.lyapunov;

import io.aelle.wire.checkpoint.Convention;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.wire.checkpoint.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QrIterationTest {

    /**
     * A tanh RNN with hidden size 3, W_hh = diag(d), input weights u (one input). With zero inputs h stays 0, tanh' = 1,
     * so every Jacobian is diag(d) and the exponents are ln d_j per step, exactly.
     */
    private static RecurrentNetwork diagonal(double[] d, double[] u) {
        double[] hh = new double[9];
        for (int j = 0; j < 3; j++) {
            hh[j * 3 + j] = d[j];
        }
        return RecurrentNetwork.fromTensors(Map.of(
                "rnn_layer.weight_hh_l0", new Tensor("rnn_layer.weight_hh_l0", new int[] {3, 3}, hh),
                "rnn_layer.weight_ih_l0", new Tensor("rnn_layer.weight_ih_l0", new int[] {3, 1}, u)), "rnn", "rnn_layer.");
    }

    private static double[] sums(RecurrentNetwork net, double[] inputs, int maxBlock, Convention c, long[] counters) {
        QrIteration it = new QrIteration(net, 3, c, maxBlock);
        it.reset();
        it.run(inputs, 0, 0, inputs.length, true);
        if (counters != null) {
            counters[0] = it.products();
            counters[1] = it.factorisations();
        }
        return it.logSums().clone();
    }

    @Test
    void aConstantDiagonalJacobianGivesTheLogsOfItsDiagonal() {
        double[] d = {1.1, 0.9, 0.5};
        RecurrentNetwork net = diagonal(d, new double[3]);
        double[] zeros = new double[200];
        double[] want = {200 * Math.log(1.1), 200 * Math.log(0.9), 200 * Math.log(0.5)};
        for (Convention c : Convention.values()) {
            long[] every = new long[2];
            assertArrayEquals(want, sums(net, zeros, 1, c, every), 1e-11, c + ", QR every step");
            assertEquals(200, every[0]);
            assertEquals(200, every[1], "one QR per step");
            long[] blocked = new long[2];
            assertArrayEquals(want, sums(net, zeros, 16, c, blocked), 1e-11, c + ", blocks of up to 16 steps");
            assertEquals(200, blocked[0]);
            assertTrue(blocked[1] < 40, "blocks save QRs: " + blocked[1] + " for 200 steps");
        }
    }

    @Test
    void warmupStepsAreNotMeasuredAndResetForgetsThePreviousSequence() {
        RecurrentNetwork net = diagonal(new double[] {1.1, 0.9, 0.5}, new double[] {0.3, -0.2, 0.1});
        double[] inputs = new double[100];
        for (int t = 0; t < inputs.length; t++) {
            inputs[t] = Math.sin(0.37 * t);
        }
        QrIteration it = new QrIteration(net, 3, Convention.REFERENCE, 8);
        it.reset();
        it.run(inputs, 0, 0, 100, true);
        double[] first = it.logSums().clone();

        it.reset();
        it.run(inputs, 0, 0, 100, false);
        assertArrayEquals(new double[3], it.logSums(), 0.0, "warm-up adds nothing");
        it.reset();
        it.run(inputs, 0, 0, 100, true);
        assertArrayEquals(first, it.logSums(), 0.0, "the same bits after another sequence ran in this workspace");
    }

    @Test
    void aDirectionThatCollapsesInsideABlockIsRedoneStepByStep() {
        // W_hh = I; unit 2 is driven by a huge input weight: from step 60 it saturates (tanh' = 0 in double),
        // so its direction collapses inside a block that the first 60 flat steps made long
        RecurrentNetwork net = diagonal(new double[] {1, 1, 1}, new double[] {0, 0, 1000});
        double[] inputs = new double[120];
        for (int t = 60; t < inputs.length; t++) {
            inputs[t] = 1;
        }
        double[] every = sums(net, inputs, 1, Convention.REFERENCE, null);
        long[] counters = new long[2];
        double[] blocked = sums(net, inputs, 32, Convention.REFERENCE, counters);
        for (double v : blocked) {
            assertTrue(Double.isFinite(v), "finite sums: " + java.util.Arrays.toString(blocked));
        }
        assertArrayEquals(every, blocked, 1e-9 * Math.abs(every[2]) + 1e-12, "the guard gives the step-by-step result");
        assertEquals(0, every[0], 1e-12);
        assertEquals(0, every[1], 1e-12);
        assertTrue(every[2] < -1000, "the collapsed direction's sum is very negative: " + every[2]);
        assertTrue(counters[0] > 120, "the collapsed block was multiplied out again step by step: " + counters[0] + " products");
    }
}
