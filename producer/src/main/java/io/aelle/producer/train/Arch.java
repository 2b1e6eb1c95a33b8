package io.aelle.producer.train;

import java.util.Locale;

/** Recurrent cell types, with PyTorch's gate count (rows of weight_ih = gates x hidden). */
public enum Arch {
    RNN(1), GRU(3), LSTM(4);

    private final int gates;

    Arch(int gates) {
        this.gates = gates;
    }

    public int gates() {
        return gates;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Arch parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown architecture '" + s + "'; choose rnn, gru or lstm");
        }
    }
}
