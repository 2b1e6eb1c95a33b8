package io.aelle.model.dataset;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A study's dataset file, format {@code aelle-dataset} version 1 (docs/DATASET.md): gzip-compressed UTF-8 text;
 * line 1 is the JSON {@link DatasetHeader}; line 2 the CSV column names
 * {@code run_id,epoch,total_epochs,fraction,val_loss,final_loss,raw_length,hparams,s0..s(L-1)};
 * then one CSV row per (run, epoch). hparams is a JSON object in a double-quoted CSV field; missing numbers are
 * empty. Rows are sorted by run id then epoch, so the same content gives the same bytes.
 */
public record StudyDataset(DatasetHeader header, List<DatasetRow> rows) {

    public static final String FILE = "dataset.csv.gz";
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int FIXED_COLUMNS = 8;
    /** Bound on one line read from a dataset file. */
    private static final int MAX_LINE = 1 << 22;

    public StudyDataset {
        for (DatasetRow r : rows) {
            if (r.spectrum().length != header.spectrumLength()) {
                throw new IllegalArgumentException("row " + r.key() + " has a spectrum of " + r.spectrum().length
                        + " values; the dataset's length is " + header.spectrumLength());
            }
        }
        rows = rows.stream().sorted(Comparator.comparing(DatasetRow::runId).thenComparingInt(DatasetRow::epoch)).toList();
    }

    /** The dataset file inside a dataset directory, or the path itself when it names a file. */
    public static Path fileOf(Path datasetPath) {
        return Files.isDirectory(datasetPath) ? datasetPath.resolve(FILE) : datasetPath;
    }

    public List<String> runIds() {
        return new ArrayList<>(new TreeSet<>(rows.stream().map(DatasetRow::runId).toList()));
    }

    public Map<String, List<DatasetRow>> byRun() {
        Map<String, List<DatasetRow>> m = new LinkedHashMap<>();
        for (DatasetRow r : rows) {
            m.computeIfAbsent(r.runId(), k -> new ArrayList<>()).add(r);
        }
        return m;
    }

    /** Training fractions present, ascending. */
    public List<Double> fractions() {
        return new ArrayList<>(new TreeSet<>(rows.stream().map(DatasetRow::fractionKey).toList()));
    }

    /** The same rows labelled against another low-error threshold (see {@link LossThresholdRule}). */
    public StudyDataset withLossThreshold(double threshold) {
        DatasetHeader h = header;
        return new StudyDataset(new DatasetHeader(h.format(), h.formatVersion(), h.study(), h.task(), threshold, h.convention(),
                h.warmup(), h.spectrumLength()), rows);
    }

    public StudyDataset withRows(List<DatasetRow> newRows) {
        return new StudyDataset(header, newRows);
    }

    /** SHA-256 over run ids, epochs, final losses and spectra: identifies the data a bundle was trained on. */
    public static String sha256(List<DatasetRow> rows) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8);
            for (DatasetRow r : rows) {
                md.update(r.runId().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                b.clear();
                md.update(b.putInt(0, r.epoch()).array(), 0, 4);
                md.update(b.putDouble(0, r.finalLoss()).array());
                for (double v : r.spectrum()) {
                    md.update(b.putDouble(0, v).array());
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".dataset", ".tmp");
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(tmp)), StandardCharsets.UTF_8))) {
            w.write(JSON.writeValueAsString(header));
            w.write('\n');
            StringBuilder cols = new StringBuilder("run_id,epoch,total_epochs,fraction,val_loss,final_loss,raw_length,hparams");
            for (int i = 0; i < header.spectrumLength(); i++) {
                cols.append(",s").append(i);
            }
            w.write(cols.append('\n').toString());
            for (DatasetRow r : rows) {
                StringBuilder sb = new StringBuilder();
                sb.append(csv(r.runId())).append(',').append(r.epoch()).append(',').append(r.totalEpochs()).append(',')
                        .append(r.fraction()).append(',').append(num(r.valLoss())).append(',').append(num(r.finalLoss()))
                        .append(',').append(r.rawLength()).append(',').append(csv(r.hparams()));
                for (double v : r.spectrum()) {
                    sb.append(',').append(v);
                }
                w.write(sb.append('\n').toString());
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static StudyDataset read(Path path) throws IOException {
        Path file = fileOf(path);
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no dataset file");
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String first = boundedLine(in, file);
            DatasetHeader h;
            try {
                h = JSON.readValue(first, DatasetHeader.class);
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": line 1 is not a dataset header: " + e.getMessage());
            }
            if (!DatasetHeader.FORMAT.equals(h.format()) || h.formatVersion() != DatasetHeader.VERSION) {
                throw new IllegalArgumentException(file + ": format " + h.format() + " v" + h.formatVersion()
                        + " is not " + DatasetHeader.FORMAT + " v" + DatasetHeader.VERSION);
            }
            boundedLine(in, file);   // column names
            List<DatasetRow> rows = new ArrayList<>();
            String line;
            int lineNo = 2;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.length() > MAX_LINE) {
                    throw new IllegalArgumentException(file + ": line " + lineNo + " is longer than " + MAX_LINE + " characters");
                }
                if (!line.isEmpty()) {
                    rows.add(parseRow(line, h.spectrumLength(), file + ":" + lineNo));
                }
            }
            return new StudyDataset(h, rows);
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException(file + " is not a gzip dataset file: " + e.getMessage());
        }
    }

    private static String boundedLine(BufferedReader in, Path file) throws IOException {
        String s = in.readLine();
        if (s == null) {
            throw new IllegalArgumentException(file + ": the dataset file is empty");
        }
        if (s.length() > MAX_LINE) {
            throw new IllegalArgumentException(file + ": header line too long");
        }
        return s;
    }

    static DatasetRow parseRow(String line, int length, String where) {
        List<String> f = splitCsv(line);
        if (f.size() != FIXED_COLUMNS + length) {
            throw new IllegalArgumentException(where + ": expected " + (FIXED_COLUMNS + length) + " fields, got " + f.size());
        }
        try {
            double[] s = new double[length];
            for (int i = 0; i < length; i++) {
                s[i] = Double.parseDouble(f.get(FIXED_COLUMNS + i));
            }
            return new DatasetRow(f.get(0), f.get(7), Integer.parseInt(f.get(1)), Integer.parseInt(f.get(2)),
                    parseNum(f.get(4)), parseNum(f.get(5)), Integer.parseInt(f.get(6)), s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": bad number: " + e.getMessage());
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static double parseNum(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    private static String csv(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
