package io.aelle.model.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aelle.model.classify.Pc1Threshold;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BundleManifestTest {

    private static JsonNode shipped() throws IOException {
        try (InputStream in = BundleManifestTest.class.getResourceAsStream("/bundles/synthetic-tiny/" + BundleManifest.FILE)) {
            return BundleManifest.json().readTree(in);
        }
    }

    @Test
    void readsTheShippedFormatAndWritesItBackUnchanged() throws IOException {
        JsonNode json = shipped();
        BundleManifest m = BundleManifest.json().treeToValue(json, BundleManifest.class);
        assertEquals(BundleManifest.FORMAT_VERSION, m.formatVersion());
        assertEquals("synthetic-tiny", m.study());
        assertEquals(new BundleManifest.Spectrum(16, "reference", 500), m.spectrum());
        assertEquals("aelle", m.embedding().type());
        assertEquals(BundleManifest.PARAMETERS_FILE, m.embedding().parametersFile());
        assertEquals(0.5, m.lossThreshold());
        assertEquals(json.get("classifier").get("type").textValue(), m.classifier().name(), "the classifier by its type name");
        assertEquals(json, BundleManifest.json().valueToTree(m), "every field survives a read and a write");
    }

    @Test
    void unknownFieldsAreIgnoredAndAbsentOptionalFieldsStayAbsent() throws IOException {
        ObjectNode json = (ObjectNode) shipped();
        json.put("written_by_a_later_version", true);
        json.remove("loss_threshold_rule");
        json.remove("fraction_classifiers");
        BundleManifest m = BundleManifest.json().treeToValue(json, BundleManifest.class);
        assertNull(m.lossThresholdRule(), "an old bundle: the probe's threshold, told by the absence of a rule");
        assertNull(m.fractionClassifiers());
        JsonNode written = BundleManifest.json().valueToTree(m);
        assertFalse(written.has("fraction_classifiers") || written.has("loss_threshold_rule"), "nulls are left out: " + written);
        assertFalse(written.has("written_by_a_later_version"));
    }

    @Test
    void theShortConstructorRecordsTheProbeRule() throws IOException {
        BundleManifest full = BundleManifest.json().treeToValue(shipped(), BundleManifest.class);
        BundleManifest m = new BundleManifest(full.formatVersion(), full.study(), full.task(), full.spectrum(), full.normalisation(),
                full.target(), full.embedding(), full.pca(), new Pc1Threshold(0.1, true), 0.3, full.trainingDataSha256(), full.validation());
        assertEquals("probe", m.lossThresholdRule());
        assertNull(m.fractionClassifiers());
        JsonNode written = BundleManifest.json().valueToTree(m);
        assertEquals("pc1-threshold", written.get("classifier").get("type").textValue());
        assertTrue(written.get("classifier").get("low_below").booleanValue());
    }
}
