package io.aelle.model.dataset;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON first line of a dataset file: what the rows are and how their spectra were computed.
 *
 * @param spectrumLength the common length every row's spectrum is interpolated to
 */
public record DatasetHeader(
        @JsonProperty("format") String format,
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("study") String study,
        @JsonProperty("task") String task,
        @JsonProperty("loss_threshold") double lossThreshold,
        @JsonProperty("convention") String convention,
        @JsonProperty("warmup") int warmup,
        @JsonProperty("spectrum_length") int spectrumLength) {

    public static final String FORMAT = "aelle-dataset";
    public static final int VERSION = 1;

    public static DatasetHeader of(String study, String task, double lossThreshold, String convention, int warmup, int length) {
        return new DatasetHeader(FORMAT, VERSION, study, task, lossThreshold, convention, warmup, length);
    }
}
