package io.aelle.monitor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromQlShapeTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "aelle_f1",
            "aelle_f1{study=~\"s.*\", predictor=\"aelle\"}",
            "avg by (fraction, predictor) (aelle_precision{study=~\".*\"})",
            "sum(rate(aelle_checkpoints_total[1m])) by (result)",
            "histogram_quantile(0.99, sum by (le) (rate(aelle_spectrum_seconds_bucket[2m])))",
            "sum by (topic) (kafka_consumer_fetch_manager_records_lag{topic=~\"aelle\\\\..*\"})",
            "rate(x[5m]) / ignoring(cell) group_left sum without (cell) (y)",
            "max_over_time(aelle_runs_active[10m:1m]) > 0",
            "job:aelle_f1:avg offset 5m",
    })
    void acceptsWellFormedInstantQueries(String query) {
        assertEquals(PromQlShape.Type.INSTANT, PromQlShape.check(query));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sum(rate(aelle_checkpoints_total[1m])",          // unbalanced
            "rate(aelle_checkpoints_total)",                  // range function without a range
            "sum(aelle_checkpoints_total[1m])",               // aggregation of a range vector
            "aelle_f1{study=~\"(\"}",                         // regex does not compile
            "aelle_f1{study=s1}",                             // unquoted matcher value
            "aelle_f1{study==\"s1\"}",                        // bad matcher operator
            "rate(aelle_checkpoints_total[$__rate_interval])",// unexpanded Grafana variable
            "rate(x[5 m])",                                   // bad duration
            "histogram_quantile(aelle_x_bucket, 0.5)",        // arguments swapped
            "ratez(x[1m])",                                   // unknown function
            "aelle_f1{study=\"s1}",                           // unterminated string
            "sum by (le) ",                                   // no argument
            "{}",                                             // empty selector
    })
    void rejectsMalformedQueriesWithAReason(String query) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromQlShape.check(query));
        assertFalse(e.getMessage().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(x[1m])[5m:]", "x[1m]"})
    void rangeVectorsAreTypedAsRanges(String query) {
        assertEquals(PromQlShape.Type.RANGE, PromQlShape.check(query));
    }

    @Test
    void unquoteFollowsGoEscapes() {
        assertEquals("aelle\\..*", PromQlShape.unquote("\"aelle\\\\..*\""));
        assertEquals("a\"b", PromQlShape.unquote("\"a\\\"b\""));
        assertEquals("raw\\n", PromQlShape.unquote("`raw\\n`"));
    }
}
