package io.aelle.model.embedding;

import io.aelle.wire.checkpoint.Tensor;
import java.util.Map;

/**
 * Plain-Java inference of a trained embedding from its saved parameters: immutable, deterministic and
 * safe to share between threads (training uses DJL; serving needs no native engine).
 */
public interface Encoder {

    /** Length of the normalised spectrum this encoder reads. */
    int inputLength();

    int latentSize();

    Encoding encode(double[] normalisedSpectrum);

    /** The parameters as named tensors, the content of the bundle's parameter file. */
    Map<String, Tensor> parameters();
}
