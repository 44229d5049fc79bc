package org.accrue.service.http;

import io.javalin.Javalin;
import org.accrue.RuleSetException;
import org.accrue.service.Registry;
import org.accrue.service.RuleSets;
import org.accrue.service.ServiceConfig;
import org.accrue.service.store.Database;

import java.time.Clock;

/** A running registry service: its database, rule sets, decision log and HTTP server, closed together. */
public final class Server implements AutoCloseable {
    private final Database db;
    private final Registry registry;
    private final Javalin http;

    private Server(Database db, Registry registry, Javalin http) {
        this.db = db;
        this.registry = registry;
        this.http = http;
    }

    /**
     * Opens the database (migrating its schema), loads the rule sets, and starts listening.
     *
     * @throws RuleSetException                           a rule set does not load
     * @throws org.accrue.service.store.StoreException   the database cannot be opened
     * @throws IllegalArgumentException                   the configuration is wrong, or the port is taken
     */
    public static Server start(ServiceConfig config, Clock clock) throws RuleSetException {
        if (config.requireVerified() && config.trust() == null) {
            throw new IllegalArgumentException("requireVerified needs a trust list (trust: or --trust): without one no "
                    + "issuer is trusted and nothing would count");
        }
        org.accrue.trust.Trust trust = org.accrue.trust.Trust.DEFAULT;
        if (config.trust() != null) {
            try {
                trust = org.accrue.trust.Trust.of(org.accrue.trust.TrustList.read(config.trust()),
                        config.requireVerified());
            } catch (org.accrue.reading.InvalidInputException e) {
                throw new IllegalArgumentException("trust: " + e.getMessage());
            }
        }
        RuleSets ruleSets = RuleSets.load(config.ruleSets(), trust);
        org.accrue.planning.Catalogue catalogue = null;
        if (config.catalogue() != null) {
            try {
                catalogue = org.accrue.reading.Catalogues.read(config.catalogue());
            } catch (org.accrue.reading.InvalidInputException e) {
                throw new IllegalArgumentException("catalogue: " + e.getMessage());
            }
        }
        Database db = Database.open(config.db());
        Registry registry = new Registry(db, ruleSets, clock);
        registry.offer(catalogue);
        Javalin http = Api.create(registry, config.bind(), config.port(), config.maxBody());
        try {
            http.start();
        } catch (RuntimeException e) {
            registry.close();
            db.close();
            Throwable t = e;
            while (t.getCause() != null) {
                t = t.getCause();
            }
            throw new IllegalArgumentException("cannot listen on " + config.bind() + ":" + config.port() + ": "
                    + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()));
        }
        return new Server(db, registry, http);
    }

    /** The port it listens on (the one chosen when the configuration said 0). */
    public int port() {
        return http.port();
    }

    public Registry registry() {
        return registry;
    }

    /** Stops listening, lets the decisions already taken commit, and closes the database. */
    @Override
    public void close() {
        http.stop();
        registry.close();
        db.close();
    }
}
