package org.accrue.service;

import org.accrue.service.http.Server;

import java.time.Clock;

/**
 * A service in a JVM of its own, for tests that kill it: {@code ServeMain DB_URL [PORT]} prints
 * {@code listening PORT} once it answers, then serves until killed.
 */
public final class ServeMain {
    private ServeMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Server server = Server.start(ServiceConfig.defaults().withDb(args[0]).withPort(port), Clock.systemUTC());
        System.out.println("listening " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Starts one with this JVM's class path; returns it once it listens, and its port. */
    public static Started start(String db) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "-Daccrue.cache.dir=" + System.getProperty("accrue.cache.dir",
                "target/ruleset-cache"), ServeMain.class.getName(), db);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        java.util.concurrent.CompletableFuture<String> line = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        });
        String first = line.get(120, java.util.concurrent.TimeUnit.SECONDS);
        if (first == null || !first.startsWith("listening ")) {
            p.destroyForcibly();
            throw new IllegalStateException("the service did not start: " + first);
        }
        return new Started(p, Integer.parseInt(first.substring("listening ".length()).strip()));
    }

    public record Started(Process process, int port) {
    }
}
