package org.accrue.trust;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON-LD contexts a proof is checked with, all local: those bundled in the jar (listed, with the npm package
 * each was taken from, in {@code contexts/index.tsv}) and those a trust list adds from files. Nothing is
 * fetched: a context that is neither is an error that names it.
 */
final class Contexts implements DocumentLoader {
    /** The bundled contexts, parsed on first use: a learner record never needs them, so start-up does not pay. */
    private static final class Bundled {
        static final Map<String, Document> CONTEXTS = bundled();
    }

    private final Map<String, Document> added;

    private Contexts(Map<String, Document> added) {
        this.added = added;
    }

    static Contexts bundledOnly() {
        return new Contexts(Map.of());
    }

    /** The bundled contexts and these, read from files (URL to file). */
    static Contexts with(Map<String, Path> files) throws IOException {
        Map<String, Document> added = new HashMap<>();
        for (var e : files.entrySet()) {
            try (InputStream in = Files.newInputStream(e.getValue())) {
                added.put(e.getKey(), JsonDocument.of(in));
            } catch (JsonLdError x) {
                throw new IOException(e.getValue() + ": not a JSON-LD context: " + x.getMessage());
            }
        }
        return new Contexts(Map.copyOf(added));
    }

    @Override
    public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
        String key = url.toString();
        Document d = added.get(key);
        if (d == null) {
            d = Bundled.CONTEXTS.get(key);
        }
        if (d == null) {
            throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, "unknown JSON-LD context " + key
                    + ": it is not bundled with Accrue and the trust list does not give it (contexts:); "
                    + "nothing is fetched");
        }
        return d;
    }

    private static Map<String, Document> bundled() {
        Map<String, Document> m = new LinkedHashMap<>();
        try (InputStream index = resource("index.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                try (InputStream in = resource(f[1])) {
                    m.put(f[0], JsonDocument.of(in));
                }
            }
        } catch (IOException | JsonLdError e) {
            throw new UncheckedIOException(new IOException("the bundled JSON-LD contexts do not read: " + e, e));
        }
        return Collections.unmodifiableMap(m);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Contexts.class.getResourceAsStream("contexts/" + name);
        if (in == null) {
            throw new IOException("contexts/" + name + " is missing from the jar");
        }
        return in;
    }
}
