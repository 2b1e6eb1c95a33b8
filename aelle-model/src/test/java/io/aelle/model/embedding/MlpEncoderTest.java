package io.aelle.model.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.wire.checkpoint.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlpEncoderTest {

    /** 2 inputs → tanh 2 → latent 1 → head. */
    private static MlpEncoder tiny() {
        DenseLayer hidden = new DenseLayer(new double[] {1, 0, 0, -1}, new double[] {0, 0.5}, 2, 2);
        DenseLayer latent = new DenseLayer(new double[] {2, 3}, new double[] {-1}, 2, 1);
        DenseLayer head = new DenseLayer(new double[] {0.5}, new double[] {0.25}, 1, 1);
        return new MlpEncoder(List.of(hidden), latent, head);
    }

    @Test
    void encodesByHandComputation() {
        Encoding e = tiny().encode(new double[] {0.3, -0.2});
        double h0 = Math.tanh(0.3), h1 = Math.tanh(0.2 + 0.5);
        double z = 2 * h0 + 3 * h1 - 1;
        assertArrayEquals(new double[] {z}, e.latent(), 1e-15);
        assertEquals(0.5 * z + 0.25, e.target(), 1e-15);
        assertEquals(2, tiny().inputLength());
        assertEquals(1, tiny().latentSize());
    }

    @Test
    void parametersRoundTripToTheSameEncoder() {
        MlpEncoder a = tiny();
        Map<String, Tensor> p = a.parameters();
        assertEquals(List.of("encoder.0.weight", "encoder.0.bias", "latent.weight", "latent.bias", "head.weight", "head.bias"),
                List.copyOf(p.keySet()));
        MlpEncoder b = MlpEncoder.fromParameters(p);
        double[] x = {-1.5, 2};
        assertArrayEquals(a.encode(x).latent(), b.encode(x).latent(), 0.0);
        assertEquals(a.encode(x).target(), b.encode(x).target(), 0.0);
    }

    @Test
    void withoutHiddenLayersTheLatentReadsTheSpectrum() {
        MlpEncoder linear = new MlpEncoder(List.of(), new DenseLayer(new double[] {1, 1, 1}, new double[] {0}, 3, 1),
                new DenseLayer(new double[] {1}, new double[] {0}, 1, 1));
        assertEquals(3, linear.inputLength());
        assertEquals(6, linear.encode(new double[] {1, 2, 3}).target(), 0.0);
    }

    @Test
    void badInputAndBadParametersAreClearErrors() {
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class, () -> tiny().encode(new double[3]));
        assertTrue(len.getMessage().contains("3 values") && len.getMessage().contains("expects 2"), len.getMessage());

        Map<String, Tensor> p = new LinkedHashMap<>(tiny().parameters());
        p.remove("head.bias");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> MlpEncoder.fromParameters(p));
        assertTrue(missing.getMessage().contains("'head.bias'"), missing.getMessage());

        DenseLayer wide = new DenseLayer(new double[6], new double[3], 2, 3);
        assertThrows(IllegalArgumentException.class, () -> new MlpEncoder(List.of(wide),
                new DenseLayer(new double[2], new double[1], 2, 1), new DenseLayer(new double[1], new double[1], 1, 1)),
                "a latent layer of 2 inputs after a hidden layer of 3 outputs");
        assertThrows(IllegalArgumentException.class, () -> new MlpEncoder(List.of(),
                new DenseLayer(new double[2], new double[1], 2, 1), new DenseLayer(new double[2], new double[2], 1, 2)),
                "a head must have one output");
    }
}
