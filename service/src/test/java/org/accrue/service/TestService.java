package org.accrue.service;

import org.accrue.RuleSetException;
import org.accrue.service.accounts.Role;
import org.accrue.service.http.Server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * A real service for tests: the HTTP server on a free port of 127.0.0.1, over a fresh database of the kind
 * asked for, with one token for each role, and a real HTTP client.
 */
public final class TestService implements AutoCloseable {
    public final Server server;
    public final String db;
    public final Map<Role, String> tokens = new EnumMap<>(Role.class);
    private final HttpClient client = HttpClient.newHttpClient();

    public TestService(String kind) throws RuleSetException {
        this(ServiceConfig.defaults().withPort(0).withDb(Databases.fresh(kind)));
    }

    public TestService(ServiceConfig config) throws RuleSetException {
        this.db = config.db();
        this.server = Server.start(config, Clock.systemUTC());
        // token-viewer ... token-admin; a second service on the same database gets tokens of its own
        boolean shared = server.registry().accounts().list().stream().anyMatch(a -> a.name().equals("token-viewer"));
        String suffix = shared ? "-" + Long.toHexString(System.nanoTime()) : "";
        for (Role r : Role.values()) {
            tokens.put(r, server.registry().accounts().createToken("token-" + r.code() + suffix, r));
        }
    }

    public String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A request with the role's token (none when role is null). */
    public HttpResponse<String> send(Role role, String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (role != null) {
            b.header("Authorization", "Bearer " + tokens.get(role));
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(Role role, String path) {
        return send(role, "GET", path, null, null);
    }

    public HttpResponse<String> post(Role role, String path, String body, String contentType) {
        return send(role, "POST", path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    @Override
    public void close() {
        server.close();
    }
}
