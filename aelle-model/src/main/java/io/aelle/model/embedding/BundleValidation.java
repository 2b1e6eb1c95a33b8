package io.aelle.model.embedding;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.aelle.model.confusion.Confusion;
import java.util.Map;

/**
 * The {@code validation} block of {@code bundle.json}: how the bundle's chosen classifier did on the validation runs.
 * Every field is nullable because bundles written by earlier versions hold only some of them (the oldest only
 * {@code f1}); an absent field stays absent when the manifest is written back. Bundles arrive from the network, so
 * the figures are checked when read: an F1, precision or recall outside [0, 1], or a negative count, is refused with
 * an error naming the field.
 *
 * @param classifier               the chosen plane classifier's type name
 * @param f1                       its F1 on the validation rows
 * @param precision                its precision there
 * @param recall                   its recall there
 * @param rows                     validation rows (checkpoints) it was scored on
 * @param runs                     validation runs those rows came from
 * @param candidatesF1             every candidate classifier's validation F1, by name, in the order they were tried
 * @param finalValidationLoss      the embedding's own validation loss after its last epoch (NaN when none was recorded)
 * @param perFraction              whether the verdict uses one classifier per training fraction
 * @param pooledCrossFittedF1      cross-fitted validation F1 of the pooled classifier
 * @param perFractionCrossFittedF1 cross-fitted validation F1 of the per-fraction classifiers
 * @param split                    how runs were split into train / validation (as {@code RunPartition.describe} says)
 * @param note                     a remark on how the figures were obtained (a combined-feature model's block has one)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"classifier", "f1", "precision", "recall", "rows", "runs", "candidates_f1", "final_validation_loss",
        "per_fraction", "pooled_cross_fitted_f1", "per_fraction_cross_fitted_f1", "split", "note"})
public record BundleValidation(
        String classifier,
        Double f1,
        Double precision,
        Double recall,
        Integer rows,
        Long runs,
        @JsonProperty("candidates_f1") Map<String, Double> candidatesF1,
        @JsonProperty("final_validation_loss") Double finalValidationLoss,
        @JsonProperty("per_fraction") Boolean perFraction,
        @JsonProperty("pooled_cross_fitted_f1") Double pooledCrossFittedF1,
        @JsonProperty("per_fraction_cross_fitted_f1") Double perFractionCrossFittedF1,
        Map<String, Object> split,
        String note) {

    public BundleValidation {
        requireShare("f1", f1);
        requireShare("precision", precision);
        requireShare("recall", recall);
        requireShare("pooled_cross_fitted_f1", pooledCrossFittedF1);
        requireShare("per_fraction_cross_fitted_f1", perFractionCrossFittedF1);
        if (rows != null && rows < 0) {
            throw new IllegalArgumentException("bundle validation.rows must not be negative, got " + rows);
        }
        if (runs != null && runs < 0) {
            throw new IllegalArgumentException("bundle validation.runs must not be negative, got " + runs);
        }
        if (candidatesF1 != null) {
            candidatesF1.forEach((name, f) -> requireShare("candidates_f1." + name, f == null ? Double.NaN : f));
        }
    }

    /** A validation block holding only the F1 (as the oldest bundles record it). */
    public static BundleValidation ofF1(double f1) {
        return new BundleValidation(null, f1, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A classifier's figures on {@code rows} validation rows, with a remark (a combined-feature model's block). */
    public static BundleValidation scored(String classifier, Confusion c, int rows, String note) {
        return new BundleValidation(classifier, c.f1(), c.precision(), c.recall(), rows, null, null, null, null, null, null, null, note);
    }

    private static void requireShare(String field, Double value) {
        if (value != null && !(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("bundle validation." + field + " must be a number in [0, 1], got " + value);
        }
    }
}
