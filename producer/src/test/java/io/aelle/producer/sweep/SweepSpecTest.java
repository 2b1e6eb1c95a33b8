package io.aelle.producer.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aelle.model.lyapunov.RecurrentNetwork.Arch;
import io.aelle.producer.train.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSpecTest {

    @Test
    void profilesSampleWithinTheirRangesReproducibly() {
        SweepSpec paper = SweepSpec.profile("paper");
        List<Variant> v = paper.sampleVariants();
        assertEquals(200, v.size());
        assertTrue(v.stream().allMatch(x -> x.arch() == Arch.LSTM && x.hidden() == 64));
        assertTrue(v.stream().allMatch(x -> x.initHalfWidth() >= 2.0 && x.initHalfWidth() <= 2.5));
        assertTrue(v.stream().allMatch(x -> x.learningRate() == 1e-3));
        assertEquals(v, SweepSpec.profile("paper").sampleVariants());
        List<Variant> demo = SweepSpec.profile("demo").sampleVariants();
        assertTrue(demo.stream().allMatch(x -> x.learningRate() >= 2e-3 && x.learningRate() <= 2e-2));
        assertTrue(demo.stream().anyMatch(x -> x.initHalfWidth() < 1) && demo.stream().anyMatch(x -> x.initHalfWidth() > 2));
    }

    @Test
    void theHardProfileRepeatsEachConfigurationWithFreshSeeds() {
        SweepSpec hard = SweepSpec.profile("hard");
        List<Variant> v = hard.sampleVariants();
        assertEquals(160, v.size());
        assertTrue(hard.medianThreshold() && hard.epochs() >= 10);
        assertTrue(v.stream().allMatch(x -> x.arch() == Arch.LSTM && x.hidden() == 64 && x.learningRate() == SweepSpec.HARD_LEARNING_RATE));
        for (int c = 0; c < v.size(); c += 4) {
            List<Variant> group = v.subList(c, c + 4);
            assertEquals(1, group.stream().map(Variant::initHalfWidth).distinct().count(), "one configuration per 4 runs");
            assertEquals(4, group.stream().map(Variant::seed).distinct().count(), "each run its own seed");
        }
        assertEquals(40, v.stream().map(Variant::initHalfWidth).distinct().count());
        assertTrue(v.stream().allMatch(x -> x.initHalfWidth() >= SweepSpec.HARD_INIT_HALF_WIDTH.get(0)
                && x.initHalfWidth() <= SweepSpec.HARD_INIT_HALF_WIDTH.get(1)));
    }

    @Test
    void oneSeedPerConfigurationDrawsWhatEarlierVersionsDrew() {
        // the draw order of earlier versions: arch, hidden, p, u (learning rate), seed per variant
        SweepSpec demo = SweepSpec.profile("demo");
        java.util.Random rnd = new java.util.Random(demo.seed());
        for (Variant x : demo.sampleVariants()) {
            rnd.nextInt(1);
            rnd.nextInt(1);
            assertEquals(0.3 + rnd.nextDouble() * 2.2, x.initHalfWidth(), 1e-12);
            rnd.nextDouble();
            assertEquals(rnd.nextLong(), x.seed());
        }
        assertThrows(IllegalArgumentException.class, () -> new SweepSpec("smnist", 4, 1, 8, 8, 8, 1, List.of("lstm"), List.of(8),
                List.of(1.0, 1.0), List.of(1e-3, 1e-3), 0, null, 1, 5, false));
    }

    @Test
    void yamlAndJsonSpecsOverrideTheProfile(@TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(dir.resolve("s.yaml"), "task: charrnn\nhidden: [64, 128, 256, 512]\ninit_half_width: [0.04, 0.4]\n");
        SweepSpec s = SweepSpec.read(yaml, SweepSpec.profile("demo"));
        assertEquals("charrnn", s.task());
        assertEquals(List.of(64, 128, 256, 512), s.hidden());
        assertEquals(24, s.variants()); // from the profile
        Path json = Files.writeString(dir.resolve("s.json"), "{\"variants\": 5, \"loss_threshold\": 0.7}");
        SweepSpec j = SweepSpec.read(json, SweepSpec.profile("demo"));
        assertEquals(5, j.variants());
        assertEquals(0.7, j.lossThreshold());
    }

    @Test
    void badSpecsAreOneLineErrorsNamingTheProblem(@TempDir Path dir) throws IOException {
        Path unknown = Files.writeString(dir.resolve("u.yaml"), "hiden: [64]\n");
        assertTrue(assertThrows(IOException.class, () -> SweepSpec.read(unknown, SweepSpec.profile("demo"))).getMessage().contains("hiden"));
        Path range = Files.writeString(dir.resolve("r.yaml"), "init_half_width: [2.0, 1.0]\n");
        assertTrue(assertThrows(IOException.class, () -> SweepSpec.read(range, SweepSpec.profile("demo"))).getMessage()
                .contains("init_half_width"));
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.profile("huge"));
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.profile("demo").withProbeSize(5000));
    }
}
