package io.aelle.producer.train;

/**
 * How every run of a study trains.
 *
 * @param epochs    epochs per run (checkpoints: epoch 0 plus one per epoch)
 * @param batchSize examples per Adam step
 * @param gradClip  element-wise gradient clip of Adam (0: none)
 */
public record TrainingSettings(int epochs, int batchSize, double gradClip) {

    public TrainingSettings {
        if (epochs < 1 || epochs > 10_000) {
            throw new IllegalArgumentException("epochs must be in 1..10000, got " + epochs);
        }
        if (batchSize < 1 || batchSize > 65_536) {
            throw new IllegalArgumentException("batch size must be in 1..65536, got " + batchSize);
        }
        if (gradClip < 0) {
            throw new IllegalArgumentException("gradient clip must be >= 0, got " + gradClip);
        }
    }
}
