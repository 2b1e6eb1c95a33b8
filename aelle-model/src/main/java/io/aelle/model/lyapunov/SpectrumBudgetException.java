package io.aelle.model.lyapunov;

/** A spectrum refused before it started (too costly) or stopped at its deadline: the message has the figures. */
public class SpectrumBudgetException extends RuntimeException {

    /** Which limit was hit. */
    public enum Kind {
        /** The estimated work is above the limit: refused before any compute. */
        TOO_COSTLY,
        /** The computation ran past its deadline and was stopped. */
        TIMEOUT
    }

    private final Kind kind;

    public SpectrumBudgetException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
