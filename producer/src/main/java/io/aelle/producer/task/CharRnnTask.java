package io.aelle.producer.task;

import ai.djl.ndarray.NDArray;
import io.aelle.producer.data.SequenceSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.TreeSet;

/**
 * Next-character prediction on War and Peace: vocabulary = the text's distinct characters (sorted), 100
 * one-hot input characters per sequence, the next character as target at every position, mean cross-entropy.
 * Training windows start at random places in the first 90% of the text; validation windows are evenly spaced
 * in the last 10%.
 */
public final class CharRnnTask implements Task {

    public static final int SEQUENCE_LENGTH = 100;
    /** Largest corpus read (the book is 3.2 MB). */
    private static final long MAX_CORPUS_BYTES = 64L << 20;

    private final Path corpusFile;
    private int[] text;
    private int vocabulary;

    public CharRnnTask(Path dataDir) {
        this.corpusFile = dataDir.resolve("war-and-peace").resolve("war-and-peace.txt");
    }

    @Override
    public String name() {
        return "charrnn";
    }

    @Override
    public synchronized int inputSize() {
        load();
        return vocabulary;
    }

    @Override
    public int outputSize() {
        return inputSize();
    }

    @Override
    public boolean readoutEveryStep() {
        return true;
    }

    @Override
    public double defaultLossThreshold() {
        return 1.75;
    }

    @Override
    public synchronized SequenceSet trainingSet(int size, long seed) {
        load();
        int end = (int) (text.length * 0.9) - SEQUENCE_LENGTH - 1;
        Random rnd = new Random(seed);
        int[] starts = new int[size];
        for (int k = 0; k < size; k++) {
            starts[k] = rnd.nextInt(end);
        }
        return windows(starts);
    }

    @Override
    public synchronized SequenceSet validationSet(int size) {
        load();
        int begin = (int) (text.length * 0.9);
        int span = text.length - begin - SEQUENCE_LENGTH - 1;
        int[] starts = new int[size];
        for (int k = 0; k < size; k++) {
            starts[k] = begin + (int) ((long) span * k / Math.max(1, size));
        }
        return windows(starts);
    }

    @Override
    public NDArray loss(NDArray output, NDArray target) {
        return Losses.crossEntropy(output, target);
    }

    private SequenceSet windows(int[] starts) {
        int n = starts.length;
        float[] x = new float[n * SEQUENCE_LENGTH * vocabulary];
        int[] y = new int[n * SEQUENCE_LENGTH];
        for (int k = 0; k < n; k++) {
            for (int t = 0; t < SEQUENCE_LENGTH; t++) {
                x[(k * SEQUENCE_LENGTH + t) * vocabulary + text[starts[k] + t]] = 1f;
                y[k * SEQUENCE_LENGTH + t] = text[starts[k] + t + 1];
            }
        }
        return SequenceSet.ofClasses(n, SEQUENCE_LENGTH, vocabulary, x, y);
    }

    private void load() {
        if (text != null) {
            return;
        }
        try {
            if (Files.size(corpusFile) > MAX_CORPUS_BYTES) {
                throw new IllegalArgumentException(corpusFile + " is larger than " + MAX_CORPUS_BYTES + " bytes");
            }
            String s = Files.readString(corpusFile, StandardCharsets.UTF_8);
            int[] codePoints = s.codePoints().toArray();
            TreeSet<Integer> distinct = new TreeSet<>();
            for (int c : codePoints) {
                distinct.add(c);
            }
            int[] index = new int[distinct.last() + 1];
            int v = 0;
            for (int c : distinct) {
                index[c] = v++;
            }
            text = new int[codePoints.length];
            for (int i = 0; i < codePoints.length; i++) {
                text[i] = index[codePoints[i]];
            }
            vocabulary = v;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the War and Peace corpus " + corpusFile + " (pass --data-dir)", e);
        }
    }
}
