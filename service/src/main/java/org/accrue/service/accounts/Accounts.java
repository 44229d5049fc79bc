package org.accrue.service.accounts;

import org.accrue.io.Sha256;
import org.accrue.service.store.Database;
import org.accrue.service.store.StoreException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Users and tokens, and who a request's credentials name. A user signs in with a password, kept as a BCrypt
 * hash; a token ({@code accrue_<id>_<secret>}) is shown once when created and kept as the SHA-256 of its secret,
 * compared in constant time. Users and tokens share one set of names, which decisions record as who asked.
 */
public final class Accounts {
    /** Names of users and tokens: a letter or digit, then letters, digits, {@code . _ @ -}; at most 100. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    /** The shortest password accepted. */
    public static final int MIN_PASSWORD = 10;
    private static final String TOKEN_PREFIX = "accrue_";

    private final Database db;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(10);
    private final SecureRandom random = new SecureRandom();
    /** Five wrong passwords for one name, then waits. */
    private final SignInThrottle byName;
    /** Twenty from one address (an office behind one address has several people), then waits. */
    private final SignInThrottle byAddress;
    private final Clock clock;
    /** Checked when a name is unknown, so that an unknown name takes as long as a wrong password. */
    private final String dummyHash;

    /** A user or a token as listed: never with its secret. */
    public record Account(String name, Role role, Caller.Kind kind, String createdAt) {
    }

    public Accounts(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.byName = new SignInThrottle(clock, 5);
        this.byAddress = new SignInThrottle(clock, 20);
        this.dummyHash = bcrypt.encode("not a password of anyone's");
    }

    /** Adds a user. */
    public void addUser(String name, Role role, char[] password) {
        checkName(name);
        if (password.length < MIN_PASSWORD) {
            throw new IllegalArgumentException("password: at least " + MIN_PASSWORD + " characters");
        }
        String hash = bcrypt.encode(new String(password));
        update("INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)", name, role.code(),
                hash, now());
    }

    /**
     * Creates a token and returns it: the only time it is shown. Only the SHA-256 of its secret part is kept.
     */
    public String createToken(String name, Role role) {
        checkName(name);
        byte[] idBytes = new byte[6];
        byte[] secret = new byte[32];
        random.nextBytes(idBytes);
        random.nextBytes(secret);
        String id = HexFormat.of().formatHex(idBytes);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        update("INSERT INTO tokens (id, name, role, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)", id, name,
                role.code(), Sha256.hex(secretText), now());
        return TOKEN_PREFIX + id + "_" + secretText;
    }

    /** Removes a user or a token by name; false when there was none. */
    public boolean remove(String name) {
        return update("DELETE FROM users WHERE name = ?", name) + update("DELETE FROM tokens WHERE name = ?", name) > 0;
    }

    /** Every user and token, by name. */
    public List<Account> list() {
        List<Account> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT name, role, 'user' AS kind, created_at FROM users "
                     + "UNION ALL SELECT name, role, 'token' AS kind, created_at FROM tokens ORDER BY name");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new Account(r.getString(1), Role.of(r.getString(2)),
                        r.getString(3).equals("user") ? Caller.Kind.USER : Caller.Kind.TOKEN, r.getString(4)));
            }
        } catch (SQLException e) {
            throw new StoreException("accounts cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Who an {@code Authorization} header names: {@code Bearer TOKEN} or {@code Basic} with a user's password.
     *
     * @param address the client's address, which failed sign-ins are also counted against
     * @throws AccessDenied 401 for missing or wrong credentials, 429 while a sign-in wait lasts
     */
    public Caller authenticate(String authorization, String address) {
        if (authorization == null || authorization.isBlank()) {
            throw new AccessDenied(401, "credentials required: Authorization: Bearer TOKEN, or Basic with a "
                    + "user's name and password");
        }
        String[] parts = authorization.strip().split("\\s+", 2);
        String scheme = parts[0].toLowerCase(java.util.Locale.ROOT);
        String value = parts.length > 1 ? parts[1] : "";
        if (scheme.equals("bearer")) {
            return token(value, address);
        }
        if (scheme.equals("basic")) {
            return password(value, address);
        }
        throw new AccessDenied(401, "unsupported Authorization scheme; use Bearer or Basic");
    }

    /**
     * A token's secret has 256 random bits: it cannot be guessed, so wrong tokens are not throttled (which would
     * let anyone lock a system out by sending bad ones from its address).
     */
    private Caller token(String token, String address) {
        String id = null;
        String secret = null;
        if (token.startsWith(TOKEN_PREFIX)) {
            int sep = token.indexOf('_', TOKEN_PREFIX.length());
            if (sep > 0) {
                id = token.substring(TOKEN_PREFIX.length(), sep);
                secret = token.substring(sep + 1);
            }
        }
        if (id != null) {
            String[] row = row("SELECT name, role, secret_hash FROM tokens WHERE id = ?", id);
            if (row != null && MessageDigest.isEqual(Sha256.hex(secret).getBytes(StandardCharsets.US_ASCII),
                    row[2].getBytes(StandardCharsets.US_ASCII))) {
                return new Caller(row[0], Role.of(row[1]), Caller.Kind.TOKEN);
            }
        }
        throw new AccessDenied(401, "invalid token");
    }

    private Caller password(String basic, String address) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(basic.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AccessDenied(401, "Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new AccessDenied(401, "Basic credentials need name:password");
        }
        return signIn(decoded.substring(0, colon), decoded.substring(colon + 1), address);
    }

    /**
     * A user's sign-in with a password (HTTP Basic, the web page's form), slowed down after failures by name and
     * by address.
     *
     * @throws AccessDenied 401 for a wrong name or password, 429 while a sign-in wait lasts
     */
    public Caller signIn(String name, String password, String address) {
        Duration wait = byName.wait(name);
        Duration byAddr = byAddress.wait(address);
        if (byAddr.compareTo(wait) > 0) {
            wait = byAddr;
        }
        if (!wait.isZero() && !wait.isNegative()) {
            throw new AccessDenied(429, "too many failed sign-ins: try again in " + Math.max(1, wait.toSeconds())
                    + " s", wait);
        }
        String[] row = row("SELECT name, role, password_hash FROM users WHERE name = ?", name);
        boolean match = bcrypt.matches(password, row == null ? dummyHash : row[2]);
        if (row != null && match) {
            byName.succeeded(name);
            return new Caller(row[0], Role.of(row[1]), Caller.Kind.USER);
        }
        byName.failed(name);
        byAddress.failed(address);
        throw new AccessDenied(401, "wrong user name or password");
    }

    /** A name new users and tokens may take: well formed, and neither a user's nor a token's already. */
    private void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name '" + org.accrue.report.Printable.echo(String.valueOf(name))
                    + "': use letters, digits and . _ @ - (at most 100, starting with a letter or digit)");
        }
        // users and tokens share names: decisions record the name alone
        if (row("SELECT name, role, created_at FROM users WHERE name = ?", name) != null
                || row("SELECT name, role, created_at FROM tokens WHERE name = ?", name) != null) {
            throw new IllegalArgumentException("name '" + name + "' is already a user or a token");
        }
    }

    private String now() {
        return clock.instant().toString();
    }

    private String[] row(String sql, String key) {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                return new String[]{r.getString(1), r.getString(2), r.getString(3)};
            }
        } catch (SQLException e) {
            throw new StoreException("accounts cannot be read: " + e.getMessage(), e);
        }
    }

    private int update(String sql, String... args) {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("accounts cannot be written: " + e.getMessage(), e);
        }
    }
}
