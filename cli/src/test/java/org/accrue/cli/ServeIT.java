package org.accrue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the README tells a new user to do, with the packaged accrue.jar in processes of its own: create a token,
 * run {@code accrue serve} with the embedded defaults (SQLite accrue.db in the working directory), post every
 * shipped sample, and get what {@code accrue evaluate --format json} writes; then {@code accrue audit verify}
 * passes, and SIGTERM stops the server cleanly.
 */
class ServeIT {
    static final Path REPO = Path.of(System.getProperty("accrue.repo", ".."));
    static final Path JAR = Path.of(System.getProperty("accrue.jar", "target/accrue.jar"));
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private Process accrue(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command()
                .orElse("java"), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(work.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private String run(int expectedStatus, String... args) throws Exception {
        Process p = accrue(args);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(expectedStatus, p.exitValue(), String.join(" ", args) + ": " + out);
        return out;
    }

    @Test
    void theReadmeServiceWalkThrough() throws Exception {
        String token = run(0, "tokens", "create", "readme", "--role", "officer").strip();
        assertTrue(token.matches("accrue_[0-9a-f]{12}_[A-Za-z0-9_-]{43}"), token);
        assertTrue(Files.isRegularFile(work.resolve("accrue.db")), "the embedded default database");

        Map<String, JsonNode> expected = new HashMap<>();
        for (String line : run(0, "evaluate", "--format", "json", "--as-of", "2026-11-28",
                REPO.resolve("samples").toAbsolutePath().toString()).split("\n")) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            expected.put(Path.of(n.get("source").asText()).getFileName().toString(), n.put("source", "request"));
        }

        Process server = accrue("serve", "--port", "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(120, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ").matcher(String.valueOf(first));
            assertTrue(m.find(), first);
            String base = "http://127.0.0.1:" + m.group(1);
            HttpClient client = HttpClient.newHttpClient();
            int posted = 0;
            try (var files = Files.walk(REPO.resolve("samples"))) {
                for (Path sample : files.filter(Files::isRegularFile)
                        .filter(org.accrue.reading.LearnerFiles::isLearnerFileName).sorted().toList()) {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base
                                    + "/v1/evaluations?asOf=2026-11-28")).header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofFile(sample)).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(201, r.statusCode(), sample + ": " + r.body());
                    assertEquals(expected.get(sample.getFileName().toString()), JSON.readTree(r.body()).get("result"),
                            sample.toString());
                    posted++;
                }
            }
            assertEquals(expected.size(), posted);
            HttpResponse<String> none = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/awards")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, none.statusCode());
        } finally {
            server.destroy();
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "SIGTERM stops the server");
        }
        String verified = run(0, "audit", "verify");
        assertTrue(verified.startsWith("decision log verified: " + expected.size() + " records, head "
                + expected.size() + ":"), verified);
    }
}
