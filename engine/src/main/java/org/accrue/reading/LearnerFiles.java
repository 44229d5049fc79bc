package org.accrue.reading;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.accrue.learner.LearnerRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads learner files in every format Accrue knows, chosen by content (see {@link #parseAny}), and expands
 * command arguments into learner files.
 */
public final class LearnerFiles {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private LearnerFiles() {
    }

    /** The largest learner file read: a learner record of the most credentials allowed is far smaller. */
    public static final long MAX_FILE_BYTES = 16L << 20;

    /** Reads and validates one learner file. */
    public static LearnerRecord read(Path file) throws InvalidInputException {
        if (Files.isDirectory(file)) {
            return isBadgeFolder(file) ? readBadgeFolder(file) : readLearnerFolder(file);
        }
        return parseAny(text(file), file.toString(), isJson(file));
    }

    /**
     * The text of a learner file: only a regular file (never a FIFO or a device, which could block or never
     * end), of at most {@link #MAX_FILE_BYTES}, in UTF-8 (a byte-order mark, as spreadsheet programs write,
     * is dropped).
     */
    static String text(Path file) throws InvalidInputException {
        String name = file.toString();
        try {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file,
                    java.nio.file.attribute.BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                throw new InvalidInputException(name, "file", "is not a regular file (a FIFO, device or socket): "
                        + "only regular files are read");
            }
            if (a.size() > MAX_FILE_BYTES) {
                throw new InvalidInputException(name, "file", "is " + a.size() + " bytes, more than the "
                        + (MAX_FILE_BYTES >> 20) + " MB a learner file may have");
            }
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw new InvalidInputException(name, "file", "is more than the " + (MAX_FILE_BYTES >> 20)
                        + " MB a learner file may have");
            }
            return utf8(bytes, name, "file");
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name, "file", "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(name, "file", "cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    /** Bytes as UTF-8 text, strictly (an invalid byte is an error naming its offset), without a byte-order mark. */
    public static String utf8(byte[] bytes, String source, String where) throws InvalidInputException {
        java.nio.charset.CharsetDecoder d = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        java.nio.charset.CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            throw new InvalidInputException(source, where, "is not UTF-8 text: invalid byte at offset "
                    + in.position());
        }
        d.flush(out);
        out.flip();
        return withoutBom(out.toString());
    }

    /** Text without a leading byte-order mark. */
    static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Reads a learner file in any format Accrue knows, chosen by content: an Accrue learner record (YAML or
     * JSON), an Open Badges 3.0 credential or array of them, a CLR 2.0 credential, a European Learning Model
     * credential, or a CSV transcript.
     */
    public static LearnerRecord parseAny(String text, String source, boolean jsonHint) throws InvalidInputException {
        text = withoutBom(text);
        String t = text.stripLeading();
        JsonNode tree = null;
        if (Jws.isCompact(t)) {
            JsonNode payload = Jws.credential(t, source, "$");
            if (OpenBadges2.isAssertion(payload)) {
                return read(OpenBadges2.mapSigned(t.strip(), payload, source));
            }
            // a VC-JWT: one badge, read from its payload and verified from the text itself
            return read(OpenBadges.mapAll(List.of(OpenBadges.Badge.of(source, "$", JSON.getNodeFactory().textNode(t.strip()))),
                    source, "", "one learner per file"));
        }
        if (t.startsWith("{") || t.startsWith("[")) {
            try {
                tree = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                // YAML in flow style also starts with a brace; a .json file reports the JSON error
                return parse(text, source, jsonHint);
            }
        }
        for (LearnerFormat f : LearnerFormat.ALL) {
            if (f.recognises(text, tree)) {
                return read(f.map(text, tree, source));
            }
        }
        if (tree == null) {
            return parse(text, source, jsonHint);
        }
        if (tree.isObject() && !tree.has("learner") && !tree.has("credentials") && tree.has("type")) {
            throw new InvalidInputException(source, "$.type", "'" + org.accrue.report.Printable.echo(
                    tree.get("type").toString()) + "' is no format Accrue knows; docs/formats.md lists them");
        }
        return new LearnerRecordParser(source).parse(tree);
    }

    /** The one learner-record parser for every format, with its errors placed in the format's own terms. */
    static LearnerRecord read(LearnerFormat.Mapped mapped) throws InvalidInputException {
        LearnerRecord r;
        try {
            r = new LearnerRecordParser(mapped.source()).parse(mapped.record());
        } catch (InvalidInputException e) {
            throw mapped.place().apply(e);
        }
        if (mapped.provenance().isEmpty()) {
            return r;
        }
        // credential i of the record is credential i of the format: its provenance goes with its id
        java.util.Map<String, org.accrue.learner.Provenance> byId = new java.util.HashMap<>();
        for (int i = 0; i < r.credentials().size() && i < mapped.provenance().size(); i++) {
            if (mapped.provenance().get(i) != null) {
                byId.put(r.credentials().get(i).id(), mapped.provenance().get(i));
            }
        }
        return r.withCredentials(r.credentials(), byId);
    }

    /** Parses learner-record text; {@code source} names it in errors. */
    public static LearnerRecord parse(String text, String source, boolean json) throws InvalidInputException {
        text = withoutBom(text);
        JsonNode root;
        try {
            root = (json ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            throw InvalidInputException.malformed(source, json ? "JSON" : "YAML", e);
        }
        return new LearnerRecordParser(source).parse(root);
    }

    /**
     * Reads a learner record held inside a larger document, such as a rule-test scenario, given as its JSON
     * text; errors name the record's fields below {@code path}.
     */
    public static LearnerRecord parseEmbedded(String json, String source, String path) throws InvalidInputException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw InvalidInputException.malformed(source, "JSON", e);
        }
        return new LearnerRecordParser(source, path).parse(root);
    }

    /**
     * Expands the arguments of a command into learner files: a file stands for itself, a directory for the
     * {@code .yaml}, {@code .yml}, {@code .json} and {@code .csv} files below it, in name order, except that a
     * folder of one learner's files (see {@link #isLearnerFolder}) stands for that learner.
     */
    public static List<Path> expand(List<Path> arguments) throws IOException {
        List<Path> files = new ArrayList<>();
        try {
            walk(arguments, false).forEachRemaining(files::add);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return files;
    }

    /**
     * The one folder walker every command uses: the arguments in order; a folder's learner files (and, with
     * {@code jsonLines}, its {@code .jsonl} files) depth first in name order; a folder of one learner's files
     * (Open Badges, or any formats with one learner id) as one path; a folder reached again through a symbolic link walked once. Lazy: only the folders
     * being walked are held, however many files there are. An unreadable folder is an
     * {@link java.io.UncheckedIOException}.
     */
    public static java.util.Iterator<Path> walk(List<Path> arguments, boolean jsonLines) {
        return new java.util.Iterator<>() {
            private final java.util.Deque<Path> pending = new java.util.ArrayDeque<>(arguments);
            private final java.util.Set<Path> walked = new java.util.HashSet<>();
            private Path next;

            @Override
            public boolean hasNext() {
                while (next == null && !pending.isEmpty()) {
                    Path p = pending.pop();
                    if (!Files.isDirectory(p)) {
                        next = p;
                    } else if (firstVisit(p, walked)) {
                        if (isLearnerFolder(p)) {
                            next = p;
                            continue;
                        }
                        List<Path> children;
                        try (Stream<Path> list = Files.list(p)) {
                            children = list.sorted().toList();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        for (int i = children.size() - 1; i >= 0; i--) {
                            Path c = children.get(i);
                            if (Files.isDirectory(c) || isLearnerFileName(c) || jsonLines && isJsonLines(c)) {
                                pending.push(c);
                            }
                        }
                    }
                }
                return next != null;
            }

            @Override
            public Path next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Path p = next;
                next = null;
                return p;
            }
        };
    }

    /** A JSON Lines file: one learner record a line. */
    public static boolean isJsonLines(Path p) {
        return p.getFileName() != null && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
    }

    /** True the first time a folder (by its real path) is met; false for a folder already walked. */
    public static boolean firstVisit(Path dir, java.util.Set<Path> walked) {
        try {
            return walked.add(dir.toRealPath());
        } catch (IOException e) {
            return walked.add(dir.toAbsolutePath().normalize());
        }
    }

    /**
     * A folder whose learner files are all Open Badges 3.0 credentials (at least one, no sub-folders of learner
     * files): one learner's badges, read together as one learner record.
     */
    public static boolean isBadgeFolder(Path dir) {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        } catch (IOException e) {
            return false;
        }
        boolean any = false;
        for (Path c : children) {
            if (Files.isDirectory(c)) {
                return false;
            }
            if (!isLearnerFileName(c)) {
                continue;
            }
            try {
                String text = text(c).stripLeading();
                if (Jws.isCompact(text)) {
                    if (!OpenBadges.isOpenBadge(Jws.credential(text, c.toString(), "$"))) {
                        return false;
                    }
                } else if (!text.startsWith("{") || !OpenBadges.isOpenBadge(JSON.readTree(text))) {
                    return false;
                }
                any = true;
            } catch (InvalidInputException | IOException | RuntimeException e) {
                return false;
            }
        }
        return any;
    }

    /**
     * A folder that stands for one learner: a folder of their Open Badges ({@link #isBadgeFolder}), or a folder of
     * two or more learner files in any formats Accrue reads (a badge, a Europass credential, a CSV transcript, a
     * learner record) that all name the same learner id, with no sub-folders. A folder of different learners' files
     * is not one: its files are read each on its own, as before.
     */
    public static boolean isLearnerFolder(Path dir) {
        if (isBadgeFolder(dir)) {
            return true;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> children = list.sorted().toList();
            if (children.stream().anyMatch(c -> Files.isDirectory(c) || isJsonLines(c))) {
                return false;
            }
            files = children.stream().filter(LearnerFiles::isLearnerFileName).toList();
        } catch (IOException e) {
            return false;
        }
        if (files.size() < 2) {
            return false;
        }
        String id = null;
        for (Path f : files) {
            try {
                String learner = read(f).learner().id();
                if (id != null && !id.equals(learner)) {
                    return false;
                }
                id = learner;
            } catch (InvalidInputException | RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * One learner's files in a folder, any formats, in name order, as one record: their credentials (ids distinct
     * across the files), exceptions, awards conferred and provenance together; the name the first file gives.
     */
    private static LearnerRecord readLearnerFolder(Path dir) throws InvalidInputException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(LearnerFiles::isLearnerFileName).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir.toString(), "folder", "cannot be read: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new InvalidInputException(dir.toString(), "folder", "holds no learner file (.yaml, .yml, .json, "
                    + ".csv, .jwt)");
        }
        return joined(files, dir.toString(), "a folder read as one learner holds one learner's files");
    }

    /**
     * The inputs of a command, by learner: inputs that name the same learner id are one learner, in the order each
     * learner first appears (so a badge, a Europass credential and a CSV transcript given side by side are one
     * learner, as a folder of them is). An input that cannot be read is a learner of its own, to be refused when read.
     * Each input is read here for its learner id, and read again by {@link #read(List)}: only the ids are held.
     */
    public static List<List<Path>> byLearner(List<Path> inputs) {
        java.util.Map<String, List<Path>> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Path p = inputs.get(i);
            String key;
            try {
                key = "learner:" + read(p).learner().id();
            } catch (InvalidInputException | RuntimeException e) {
                key = "input:" + i; // refused when read, on its own
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        return List.copyOf(groups.values());
    }

    /** One learner given as one or more inputs (see {@link #byLearner}), as one record. */
    public static LearnerRecord read(List<Path> inputs) throws InvalidInputException {
        if (inputs.size() == 1) {
            return read(inputs.get(0));
        }
        return joined(inputs, sourceOf(inputs), "inputs read as one learner name one learner");
    }

    /** How a learner given as several inputs is named in results and messages: {@code a.yaml + b.json}. */
    public static String sourceOf(List<Path> inputs) {
        return String.join(" + ", inputs.stream().map(Path::toString).toList());
    }

    /**
     * One learner's files as one record: their credentials (ids distinct across the files), exceptions, awards
     * conferred, claims and provenance together; the name the first file that gives one gives.
     */
    private static LearnerRecord joined(List<Path> files, String source, String oneLearner) throws InvalidInputException {
        org.accrue.learner.Learner learner = null;
        List<org.accrue.learner.Credential> credentials = new ArrayList<>();
        List<org.accrue.learner.StaffException> exceptions = new ArrayList<>();
        List<org.accrue.learner.ConferredAward> conferred = new ArrayList<>();
        List<org.accrue.learner.Claim> claims = new ArrayList<>();
        java.util.Map<String, org.accrue.learner.Provenance> provenance = new java.util.HashMap<>();
        java.util.Map<String, Path> from = new java.util.HashMap<>();
        for (Path f : files) {
            LearnerRecord r = read(f);
            if (learner == null) {
                learner = r.learner();
            } else if (!learner.id().equals(r.learner().id())) {
                throw new InvalidInputException(f.toString(), "learner.id", "'" + r.learner().id() + "' differs from "
                        + "'" + learner.id() + "' in " + files.get(0) + "; " + oneLearner);
            } else if (learner.name() == null && r.learner().name() != null) {
                learner = new org.accrue.learner.Learner(learner.id(), r.learner().name());
            }
            for (int i = 0; i < r.credentials().size(); i++) {
                var c = r.credentials().get(i);
                Path first = from.putIfAbsent(c.id(), f);
                if (first != null) {
                    throw new InvalidInputException(f.toString(), "credentials[" + i + "].id", "'" + c.id()
                            + "' is also a credential of " + first + "; one learner's credentials have distinct ids");
                }
                credentials.add(c);
            }
            exceptions.addAll(r.exceptions());
            conferred.addAll(r.conferred());
            claims.addAll(r.claims());
            provenance.putAll(r.provenance());
        }
        return new LearnerRecord(learner, credentials, exceptions, source, provenance, conferred, claims);
    }

    /** The badges of a folder of one learner's Open Badges (see {@link #isBadgeFolder}), in name order. */
    public static List<Path> badgeFiles(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(LearnerFiles::isLearnerFileName).sorted().toList();
        }
    }

    /** A folder of one learner's Open Badges credentials, in name order; errors name the badge's file. */
    private static LearnerRecord readBadgeFolder(Path dir) throws InvalidInputException {
        List<Path> badges;
        try {
            badges = badgeFiles(dir);
        } catch (IOException e) {
            throw new InvalidInputException(dir.toString(), "folder", "cannot be read: " + e.getMessage());
        }
        List<OpenBadges.Badge> read = new ArrayList<>();
        for (Path b : badges) {
            try {
                String text = text(b);
                read.add(Jws.isCompact(text) ? OpenBadges.Badge.of(b.toString(), "$", JSON.getNodeFactory().textNode(text.strip()))
                        : new OpenBadges.Badge(b.toString(), "$", JSON.readTree(text), null));
            } catch (JsonProcessingException e) {
                throw InvalidInputException.malformed(b.toString(), "JSON", e);
            }
        }
        return read(OpenBadges.mapAll(read, dir.toString(), " (a folder of badges holds one badge per file)",
                "a folder of badges is one learner's"));
    }

    /**
     * A name learner files go by: {@code .yaml}, {@code .yml}, {@code .json} or {@code .csv}, except a catalogue's
     * ({@link #isCatalogueFileName}).
     */
    public static boolean isLearnerFileName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json") || n.endsWith(".csv")
                || n.endsWith(".jwt")) && !isCatalogueFileName(p);
    }

    /**
     * A name catalogues of items on offer go by ({@code catalogue.yaml}, {@code 2026.catalogue.csv}): a folder of
     * learner files may hold one for {@code accrue plan} without it being taken for a learner.
     */
    public static boolean isCatalogueFileName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.matches("(.*\\.)?catalogue\\.(yaml|yml|json|csv)");
    }

    private static boolean isJson(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }
}
