package org.accrue.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How far a batch got: the records done (in input order), the length of the output and rejects files at that
 * point, and the tally. Written atomically after both files are flushed to disk, so after a crash the files
 * may run past the checkpoint but never fall short of it: resuming cuts them back to it and carries on.
 */
record Checkpoint(String job, java.time.LocalDate asOf, long done, long outBytes, long rejectsBytes, boolean complete, Tally tally) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path of(Path out) {
        return out.resolveSibling(out.getFileName() + ".checkpoint");
    }

    void write(Path file) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("job", job).put("asOf", asOf.toString()).put("done", done).put("outBytes", outBytes).put("rejectsBytes", rejectsBytes)
                .put("complete", complete);
        ObjectNode t = n.putObject("tally");
        t.put("read", tally.read).put("evaluated", tally.evaluated).put("rejected", tally.rejected);
        ObjectNode awards = t.putObject("awards");
        tally.awards.forEach((a, c) -> awards.putArray(a).add(c[0]).add(c[1]));
        ObjectNode reasons = t.putObject("reasons");
        tally.reasons.forEach(reasons::put);
        // a new file of its own, then renamed over the checkpoint: a link planted at any fixed name is never
        // written through, and a reader sees the old checkpoint or the new one, whole
        org.accrue.io.AtomicFiles.write(file, JSON.writeValueAsBytes(n));
    }

    /** The checkpoint in a file; a damaged one (not what {@link #write} writes) is a {@link BatchException}. */
    static Checkpoint read(Path file) throws IOException, BatchException {
        String text = Files.readString(file);
        try {
            return parse(text);
        } catch (IOException | RuntimeException e) {
            throw new BatchException(file + ": the checkpoint is damaged (" + e.getClass().getSimpleName()
                    + "); start again with --force");
        }
    }

    private static Checkpoint parse(String text) throws IOException {
        JsonNode n = JSON.readTree(text);
        Tally tally = new Tally();
        JsonNode t = n.get("tally");
        tally.read = t.get("read").asLong();
        tally.evaluated = t.get("evaluated").asLong();
        tally.rejected = t.get("rejected").asLong();
        t.get("awards").fields().forEachRemaining(e ->
                tally.awards.put(e.getKey(), new long[]{e.getValue().get(0).asLong(), e.getValue().get(1).asLong()}));
        t.get("reasons").fields().forEachRemaining(e -> tally.reasons.put(e.getKey(), e.getValue().asLong()));
        Checkpoint c = new Checkpoint(n.get("job").asText(), java.time.LocalDate.parse(n.get("asOf").asText()),
                n.get("done").asLong(), n.get("outBytes").asLong(), n.get("rejectsBytes").asLong(),
                n.get("complete").asBoolean(), tally);
        if (c.done < 0 || c.outBytes < 0 || c.rejectsBytes < 0 || tally.read != tally.evaluated + tally.rejected
                || tally.read != c.done) {
            throw new IllegalArgumentException("inconsistent counts");
        }
        return c;
    }
}
