package io.aelle.producer.train;

import io.aelle.model.lyapunov.RecurrentNetwork.Arch;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * One hyperparameter variant of a study.
 *
 * @param initHalfWidth p: recurrent weights start U(-p, p)
 */
public record Variant(@JsonProperty("arch") Arch arch,
                      @JsonProperty("hidden") int hidden,
                      @JsonProperty("init_half_width") double initHalfWidth,
                      @JsonProperty("learning_rate") double learningRate,
                      @JsonProperty("seed") long seed) {

    public Variant {
        if (hidden < 1 || hidden > 4096) {
            throw new IllegalArgumentException("hidden size must be in 1..4096, got " + hidden);
        }
        if (!(initHalfWidth > 0) || initHalfWidth > 100) {
            throw new IllegalArgumentException("init half-width p must be in (0, 100], got " + initHalfWidth);
        }
        if (!(learningRate > 0) || learningRate > 10) {
            throw new IllegalArgumentException("learning rate must be in (0, 10], got " + learningRate);
        }
    }

    /** The hyperparameters as the JSON object carried in {@code aelle.hparams}. */
    public String hparamsJson() {
        return String.format(Locale.ROOT, "{\"arch\":\"%s\",\"hidden\":%d,\"init_half_width\":%.6g,\"learning_rate\":%.6g,\"seed\":%d}",
                arch.id(), hidden, initHalfWidth, learningRate, seed);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s-%d p=%.3f lr=%.2g", arch.id(), hidden, initHalfWidth, learningRate);
    }
}
