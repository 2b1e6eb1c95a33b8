package io.aelle.model.embedding.training;

import java.util.ArrayList;
import java.util.List;

/**
 * AeLLE's stepwise weight α on the prediction term: stage i trains {@code epochs} epochs at {@code alpha}.
 * Text form {@code alpha:epochs,alpha:epochs,...}, e.g. the default {@value #DEFAULT_TEXT}.
 */
public record AlphaSchedule(List<Stage> stages) {

    /**
     * The paper's α steps (5, 5, 10, 20) at 30 epochs per stage instead of 1,000: the studies here have a few
     * thousand rows, the loss curves flatten within ~30 epochs per stage (SMNIST demo study), and 120 epochs train in a
     * minute or two on a shared 2-core machine.
     */
    public static final String DEFAULT_TEXT = "5:30,5:30,10:30,20:30";

    public record Stage(double alpha, int epochs) {
        public Stage {
            if (!(alpha >= 0) || epochs < 1) {
                throw new IllegalArgumentException("alpha stage needs alpha >= 0 and epochs >= 1, got " + alpha + ":" + epochs);
            }
        }
    }

    public AlphaSchedule {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("alpha schedule needs at least one stage");
        }
        stages = List.copyOf(stages);
    }

    public static AlphaSchedule defaults() {
        return parse(DEFAULT_TEXT);
    }

    public static AlphaSchedule parse(String text) {
        List<Stage> s = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] ae = part.trim().split(":");
            if (ae.length != 2) {
                throw new IllegalArgumentException("bad alpha stage '" + part + "'; expected alpha:epochs");
            }
            try {
                s.add(new Stage(Double.parseDouble(ae[0]), Integer.parseInt(ae[1])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad alpha stage '" + part + "'; expected alpha:epochs");
            }
        }
        return new AlphaSchedule(s);
    }

    public int totalEpochs() {
        return stages.stream().mapToInt(Stage::epochs).sum();
    }

    /** α in force during epoch {@code epoch} (0-based); the last stage's α after the schedule ends. */
    public double alphaAt(int epoch) {
        int end = 0;
        for (Stage st : stages) {
            end += st.epochs();
            if (epoch < end) {
                return st.alpha();
            }
        }
        return stages.get(stages.size() - 1).alpha();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Stage st : stages) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(st.alpha()).append(':').append(st.epochs());
        }
        return b.toString();
    }
}
