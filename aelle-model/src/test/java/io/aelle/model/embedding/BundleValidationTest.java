package io.aelle.model.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleValidationTest {

    private static final List<String> FIELDS = List.of("classifier", "f1", "precision", "recall", "rows", "runs",
            "candidates_f1", "final_validation_loss", "per_fraction", "pooled_cross_fitted_f1",
            "per_fraction_cross_fitted_f1", "split");

    private static ObjectNode shipped(String study) throws IOException {
        try (InputStream in = BundleValidationTest.class.getResourceAsStream("/bundles/" + study + "/" + BundleManifest.FILE)) {
            return (ObjectNode) BundleManifest.json().readTree(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"smnist-demo", "smnist-e10", "synthetic-tiny"})
    void aShippedValidationBlockIsWrittenBackWithTheSameKeysInTheSameOrder(String study) throws IOException {
        ObjectNode json = shipped(study);
        BundleManifest m = Embedding.readManifest(BundleManifest.json().writeValueAsBytes(json), study);
        // as a bundle.json file holds it (a tree built from the record itself would type 29 as a long, the file as an int)
        JsonNode written = BundleManifest.json().readTree(BundleManifest.json().writeValueAsBytes(m));
        assertEquals(json.get("validation"), written.get("validation"));
        // ObjectNode equality ignores key order; the text does not
        assertEquals(json.get("validation").toString(), written.get("validation").toString());
        assertEquals(json, written, "the whole manifest survives a read and a write");
    }

    @Test
    void theFullBlockIsReadIntoTypedFields() throws IOException {
        BundleValidation v = Embedding.readManifest(BundleManifest.json().writeValueAsBytes(shipped("smnist-e10")), "e10").validation();
        assertEquals("logistic", v.classifier());
        assertEquals(561, v.rows());
        assertEquals(51L, v.runs());
        assertEquals(List.of("pc1-threshold", "hyperellipse", "logistic"), List.copyOf(v.candidatesF1().keySet()));
        assertEquals(v.f1(), v.candidatesF1().get("logistic"));
        assertFalse(v.perFraction());
        assertEquals(20260101, ((Number) v.split().get("seed")).intValue());
    }

    @Test
    void aNewBlockIsWrittenInTheOrderTheFitterAlwaysWroteIt() throws IOException {
        BundleValidation v = BundleManifest.json().treeToValue(shipped("smnist-demo").get("validation"), BundleValidation.class);
        JsonNode written = BundleManifest.json().valueToTree(v);
        assertEquals(FIELDS, names(written.fieldNames()));
        JsonNode oldest = BundleManifest.json().valueToTree(BundleValidation.ofF1(0.5));
        assertEquals("{\"f1\":0.5}", oldest.toString(), "absent fields stay absent");
        assertNull(BundleValidation.ofF1(0.5).classifier());
    }

    @Test
    void aMalformedBlockIsRefusedNamingTheField() throws IOException {
        assertRefused("f1", "\"high\"", "BundleValidation[\"f1\"]");
        assertRefused("f1", "1.5", "validation.f1");
        assertRefused("recall", "-0.1", "validation.recall");
        assertRefused("rows", "-3", "validation.rows");
        assertRefused("per_fraction_cross_fitted_f1", "\"NaN\"", "validation.per_fraction_cross_fitted_f1");
        assertRefused("candidates_f1", "{\"logistic\": 7}", "validation.candidates_f1.logistic");
        assertRefused("candidates_f1", "[1]", "BundleValidation[\"candidates_f1\"]");
    }

    private static void assertRefused(String field, String value, String named) throws IOException {
        ObjectNode json = shipped("smnist-e10");
        ((ObjectNode) json.get("validation")).set(field, BundleManifest.json().readTree(value));
        byte[] bytes = BundleManifest.json().writeValueAsBytes(json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Embedding.readManifest(bytes, "archive"));
        assertTrue(e.getMessage().startsWith("bad bundle.json at archive"), e.getMessage());
        assertTrue(e.getMessage().contains(named), field + "=" + value + ": " + e.getMessage());
    }

    private static List<String> names(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
