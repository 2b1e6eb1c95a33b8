package io.aelle.model.dataset;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where {@code dataset --from} finds a study. {@link DatasetBuilder} always reads a sweep directory
 * ({@code RUN-eEPOCH.safetensors}, {@code RUN.outcome.json}, {@code probes/STUDY.safetensors}); a source either is
 * one or lays the study out as one (the Kafka source, supplied by the producer module, mirrors the topics), so the
 * builder and its spectrum cache work the same whatever the source.
 */
public interface StudySource {

    /**
     * @param study the study id
     * @param out   the dataset directory; a source that copies the study keeps its copy beneath it
     * @return the sweep directory holding the study
     */
    Path sweepDirectory(String study, Path out) throws IOException;
}
