package org.accrue.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import org.accrue.report.JsonReport;
import org.accrue.report.Printable;
import org.accrue.service.Problem;
import org.accrue.service.Registry;
import org.accrue.service.RuleSets;
import org.accrue.service.StaffExceptions;
import org.accrue.service.accounts.AccessDenied;
import org.accrue.service.accounts.Caller;
import org.accrue.service.accounts.Role;
import org.accrue.service.log.Decision;
import org.accrue.service.store.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The HTTP API: JSON over HTTP, every route with the role it needs ({@link #ROUTES}, the one list the server and
 * {@code /openapi.json} are checked against), every error {@code application/problem+json} with the one-line
 * message the command line prints, and never a stack trace.
 */
public final class Api {
    /** One endpoint: its method, path (Javalin's {@code {name}} parameters), and the role it needs (null: none). */
    public record Route(HandlerType method, String path, Role role) {
    }

    /** Every endpoint the service answers. */
    public static final List<Route> ROUTES = List.of(
            new Route(HandlerType.GET, "/health", null),
            new Route(HandlerType.GET, "/openapi.json", null),
            new Route(HandlerType.GET, "/v1/awards", Role.VIEWER),
            new Route(HandlerType.GET, "/v1/rulesets", Role.VIEWER),
            new Route(HandlerType.POST, "/v1/evaluations", Role.VIEWER),
            new Route(HandlerType.GET, "/v1/evaluations/{id}", Role.VIEWER),
            new Route(HandlerType.POST, "/v1/evaluations/{id}/replay", Role.VIEWER),
            new Route(HandlerType.POST, "/v1/plans", Role.VIEWER),
            new Route(HandlerType.POST, "/v1/what-if", Role.VIEWER),
            new Route(HandlerType.GET, "/v1/learners/{learnerId}/evaluations", Role.VIEWER),
            new Route(HandlerType.GET, "/v1/learners/{learnerId}/exceptions", Role.VIEWER),
            new Route(HandlerType.POST, "/v1/learners/{learnerId}/exceptions", Role.OFFICER),
            new Route(HandlerType.POST, "/v1/exceptions/{id}/approve", Role.APPROVER),
            new Route(HandlerType.POST, "/v1/exceptions/{id}/reject", Role.APPROVER),
            new Route(HandlerType.GET, "/v1/accounts", Role.ADMIN),
            new Route(HandlerType.POST, "/v1/users", Role.ADMIN),
            new Route(HandlerType.POST, "/v1/tokens", Role.ADMIN),
            new Route(HandlerType.DELETE, "/v1/accounts/{name}", Role.ADMIN));

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER = "accrue.caller";

    private final Registry registry;
    private final long maxBody;

    private Api(Registry registry, long maxBody) {
        this.registry = registry;
        this.maxBody = maxBody;
    }

    /**
     * A server for the registry, not yet started.
     *
     * @param maxBody the largest request body accepted, in bytes (413 above it)
     */
    public static Javalin create(Registry registry, String host, int port, long maxBody) {
        Api api = new Api(registry, maxBody);
        return Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = maxBody;
            config.http.prefer405over404 = true;
            config.startup.showJavalinBanner = false;
            config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
            for (Route r : ROUTES) {
                config.routes.addHttpHandler(r.method(), r.path(), api.secured(r.role(), api.handler(r)));
            }
            // the officers' pages, on the same server, accounts and log
            org.accrue.service.web.Web.install(config, registry, maxBody);
            config.routes.exception(Problem.class, (e, ctx) -> problem(ctx, e.status(), e.getMessage(), e.decision()));
            config.routes.exception(AccessDenied.class, (e, ctx) -> {
                if (e.retryAfter() != null) {
                    ctx.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
                }
                if (e.status() == 401) {
                    ctx.header("WWW-Authenticate", "Bearer realm=\"accrue\", Basic realm=\"accrue\"");
                }
                problem(ctx, e.status(), e.getMessage(), null);
            });
            config.routes.exception(StoreException.class, (e, ctx) -> problem(ctx, 503, e.getMessage(), null));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, e.getStatus(),
                    switch (e.getStatus()) {
                        case 404 -> notFound(ctx);
                        case 405 -> notAllowed(ctx);
                        case 413 -> tooLarge(maxBody);
                        default -> e.getMessage();
                    }, null));
            config.routes.exception(Exception.class, (e, ctx) -> problem(ctx, 500, "internal error in Accrue ("
                    + e.getClass().getName() + "); please report it", null));
            config.routes.error(404, ctx -> {
                if (!isProblem(ctx)) {
                    problem(ctx, 404, notFound(ctx), null);
                }
            });
            config.routes.error(405, ctx -> {
                if (!isProblem(ctx)) {
                    problem(ctx, 405, notAllowed(ctx), null);
                }
            });
        });
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/problem+json");
    }

    private static String notFound(Context ctx) {
        return "no such endpoint: " + ctx.method() + " " + Printable.echo(ctx.path()) + "; GET /openapi.json lists them";
    }

    private static String notAllowed(Context ctx) {
        return ctx.method() + " is not allowed on " + Printable.echo(ctx.path()) + "; GET /openapi.json lists the "
                + "methods of each endpoint";
    }

    private static String tooLarge(long maxBody) {
        return "request: the body is larger than the limit of " + maxBody + " bytes (--max-body)";
    }

    /** An RFC 9457 problem: the status, a title, and the one-line detail. */
    static void problem(Context ctx, int status, String detail, String decision) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "about:blank");
        p.put("title", title(status));
        p.put("status", status);
        p.put("detail", Printable.visible(detail == null ? title(status) : detail));
        if (decision != null) {
            p.put("decision", decision);
            ctx.header("Location", "/v1/evaluations/" + decision);
        }
        if (Boolean.TRUE.equals(ctx.attribute(UNREAD))) {
            // the rest of the body is not read: the connection cannot carry another request
            ctx.header("Connection", "close");
        }
        ctx.status(status).contentType("application/problem+json").result(p.toString());
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }

    /** A handler that first checks who is asking and whether their role may. */
    private Handler secured(Role role, Handler handler) {
        if (role == null) {
            return handler;
        }
        return ctx -> {
            Caller caller = registry.accounts().authenticate(ctx.header("Authorization"), ctx.ip());
            if (!caller.role().covers(role)) {
                throw new AccessDenied(403, caller.name() + " (" + caller.role().code() + ") may not "
                        + ctx.method() + " " + Printable.echo(ctx.path()) + ": it needs the role " + role.code());
            }
            ctx.attribute(CALLER, caller);
            handler.handle(ctx);
        };
    }

    private Handler handler(Route r) {
        return switch (r.method().name() + " " + r.path()) {
            case "GET /health" -> this::health;
            case "GET /openapi.json" -> ctx -> json(ctx, 200, OpenApi.document());
            case "GET /v1/awards" -> this::awards;
            case "GET /v1/rulesets" -> this::ruleSets;
            case "POST /v1/evaluations" -> this::evaluate;
            case "GET /v1/evaluations/{id}" -> ctx -> json(ctx, 200, decision(registry.decision(ctx.pathParam("id"))));
            case "POST /v1/evaluations/{id}/replay" -> this::replay;
            case "POST /v1/plans" -> this::plans;
            case "POST /v1/what-if" -> this::whatIf;
            case "GET /v1/learners/{learnerId}/evaluations" -> this::learnerDecisions;
            case "GET /v1/learners/{learnerId}/exceptions" -> this::learnerExceptions;
            case "POST /v1/learners/{learnerId}/exceptions" -> this::propose;
            case "POST /v1/exceptions/{id}/approve" -> ctx -> decide(ctx, true);
            case "POST /v1/exceptions/{id}/reject" -> ctx -> decide(ctx, false);
            case "GET /v1/accounts" -> this::accounts;
            case "POST /v1/users" -> this::addUser;
            case "POST /v1/tokens" -> this::addToken;
            case "DELETE /v1/accounts/{name}" -> this::removeAccount;
            default -> throw new IllegalStateException("no handler for " + r);
        };
    }

    private static Caller caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    private void health(Context ctx) {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", "ok");
        ArrayNode sets = o.putArray("ruleSets");
        registry.ruleSets().all().forEach(s -> sets.add(s.ruleSet().id()));
        json(ctx, 200, o);
    }

    private void awards(Context ctx) {
        LocalDate asOf = date(ctx.queryParam("asOf"), registry.today());
        var inForce = registry.ruleSets().on(asOf).orElseThrow(() -> Problem.badRequest("asOf: no rule set is in "
                + "force on " + asOf));
        StringBuilder out = new StringBuilder("[");
        inForce.ruleSet().awards().forEach(a -> out.append(out.length() > 1 ? "," : "").append(JsonReport.json(a)));
        ctx.status(200).contentType("application/json").result(out.append(']').toString());
    }

    private void ruleSets(Context ctx) {
        ArrayNode a = JSON.createArrayNode();
        LocalDate today = registry.today();
        RuleSets.InForce current = registry.ruleSets().on(today).orElse(null);
        for (RuleSets.InForce s : registry.ruleSets().all()) {
            ObjectNode o = a.addObject();
            o.put("id", s.ruleSet().id());
            o.put("inForceFrom", s.from().equals(RuleSets.ALWAYS) ? null : s.from().toString());
            o.put("source", s.source());
            o.put("inForceToday", s == current);
            o.put("awards", s.ruleSet().awards().size());
        }
        json(ctx, 200, a);
    }

    private void evaluate(Context ctx) throws IOException {
        LocalDate asOf = date(ctx.queryParam("asOf"), registry.today());
        byte[] body = body(ctx);
        Decision d = registry.evaluate(caller(ctx), body, ctx.header("Content-Type"), asOf,
                ctx.queryParams("award"), ctx.queryParam("ruleSet"));
        ctx.header("Location", "/v1/evaluations/" + d.id());
        // the result exactly as evaluate --format json writes it, byte for byte
        ctx.status(201).contentType("application/json").result("{\"decision\":" + JSON.valueToTree(d.id())
                + ",\"result\":" + d.result() + "}");
    }

    private void plans(Context ctx) throws IOException {
        LocalDate asOf = date(ctx.queryParam("asOf"), registry.today());
        org.accrue.planning.Objective objective = objective(ctx.queryParam("objective"));
        java.math.BigDecimal budget = amount(ctx.queryParam("budget"));
        int alternatives = whole(ctx.queryParam("alternatives"), 2, "alternatives");
        byte[] body = body(ctx);
        List<org.accrue.planning.PlanResult> plans = registry.pathways().plan(caller(ctx), body,
                ctx.header("Content-Type"), asOf, ctx.queryParams("award"), objective, budget, alternatives,
                ctx.queryParam("ruleSet"), SOURCE);
        StringBuilder out = new StringBuilder("{\"plans\":[");
        for (int i = 0; i < plans.size(); i++) {
            out.append(i == 0 ? "" : ",").append(org.accrue.planning.PlanReport.json(plans.get(i)));
        }
        ctx.status(200).contentType("application/json").result(out.append("]}").toString());
    }

    private void whatIf(Context ctx) throws IOException {
        LocalDate asOf = date(ctx.queryParam("asOf"), registry.today());
        byte[] body = body(ctx);
        org.accrue.planning.WhatIf w = registry.pathways().whatIf(caller(ctx), body, ctx.header("Content-Type"),
                asOf, ctx.queryParams("item"), ctx.queryParams("award"), ctx.queryParam("ruleSet"), SOURCE);
        ctx.status(200).contentType("application/json").result(JsonReport.json(w));
    }

    /** The name a learner file sent in a request body goes by in messages and results. */
    private static final String SOURCE = org.accrue.service.Registry.SOURCE;

    private static org.accrue.planning.Objective objective(String text) {
        if (text == null || text.isBlank()) {
            return org.accrue.planning.Objective.COST;
        }
        return org.accrue.planning.Objective.of(text.strip()).orElseThrow(() -> Problem.badRequest("objective: '"
                + Printable.echo(text) + "' is not cost, hours or count"));
    }

    private static java.math.BigDecimal amount(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            java.math.BigDecimal b = new java.math.BigDecimal(text.strip());
            if (b.signum() < 0 || b.scale() > 2 || b.compareTo(java.math.BigDecimal.valueOf(1_000_000_000)) > 0) {
                throw new NumberFormatException();
            }
            return b;
        } catch (NumberFormatException e) {
            throw Problem.badRequest("budget: '" + Printable.echo(text) + "' is not an amount from 0 with at most two "
                    + "decimal places");
        }
    }

    private static int whole(String text, int otherwise, String name) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw Problem.badRequest(name + ": '" + Printable.echo(text) + "' is not a whole number");
        }
    }

    /** How much of a body over the limit is read and dropped, so that the client hears the 413. */
    private static final long DRAIN = 64L << 20;
    private static final String UNREAD = "accrue.unread";

    /**
     * The body, refused with 413 above the limit whether or not a Content-Length says so. A body over the limit is
     * still read (and dropped) up to {@link #DRAIN}: a server that answers and closes while the client is still
     * sending makes the client lose the answer to a reset connection.
     */
    private byte[] body(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > maxBody) {
                drain(ctx, in);
                throw new Problem(413, tooLarge(maxBody));
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
            if (bytes.length > maxBody) {
                drain(ctx, in);
                throw new Problem(413, tooLarge(maxBody));
            }
            return bytes;
        }
    }

    private static void drain(Context ctx, InputStream in) throws IOException {
        long dropped = 0;
        byte[] buffer = new byte[64 * 1024];
        int n;
        while (dropped < DRAIN && (n = in.read(buffer)) >= 0) {
            dropped += n;
        }
        if (dropped >= DRAIN) {
            ctx.attribute(UNREAD, true);
        }
    }

    private static LocalDate date(String text, LocalDate otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("asOf: '" + Printable.echo(text) + "' is not a date YYYY-MM-DD");
        }
    }

    /** A decision record as the API shows it. */
    static ObjectNode decision(Decision d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", d.id());
        o.put("at", d.at().toString());
        o.put("by", d.by());
        o.put("status", d.status().code());
        o.put("learner", d.learnerId());
        o.put("asOf", d.asOf().toString());
        ArrayNode awards = o.putArray("awards");
        d.awards().forEach(awards::add);
        o.put("ruleSet", d.ruleSet());
        o.put("inputSha256", d.inputSha256());
        ObjectNode verdicts = o.putObject("verdicts");
        d.verdicts().forEach(verdicts::put);
        ArrayNode exceptions = o.putArray("exceptions");
        d.exceptions().forEach(exceptions::add);
        if (d.reason() != null) {
            o.put("reason", d.reason());
        }
        if (d.result() != null) {
            o.putRawValue("result", new RawValue(d.result()));
        } else {
            o.putNull("result");
        }
        o.put("erasedAt", d.erasedAt() == null ? null : d.erasedAt().toString());
        o.put("seq", d.seq());
        o.put("hash", d.hash());
        return o;
    }

    private void replay(Context ctx) {
        Registry.Replay r = registry.replay(ctx.pathParam("id"));
        ObjectNode o = JSON.createObjectNode();
        o.put("decision", r.decision());
        o.put("recordedRuleSet", r.recordedRuleSet());
        o.put("recordedRuleSetLoaded", r.sameAsRecorded() != null);
        if (r.sameAsRecorded() == null) {
            o.putNull("sameAsRecorded");
        } else {
            o.put("sameAsRecorded", r.sameAsRecorded());
        }
        o.put("ruleSet", r.ruleSet());
        ArrayNode changes = o.putArray("changes");
        for (Registry.Change c : r.changes()) {
            ObjectNode x = changes.addObject();
            x.put("award", c.award());
            x.put("was", c.was());
            x.put("now", c.now());
        }
        if (r.problem() != null) {
            o.put("problem", r.problem());
        }
        json(ctx, 200, o);
    }

    private void learnerDecisions(Context ctx) {
        int limit;
        try {
            limit = ctx.queryParam("limit") == null ? 50 : Integer.parseInt(ctx.queryParam("limit").strip());
        } catch (NumberFormatException e) {
            throw Problem.badRequest("limit: '" + Printable.echo(ctx.queryParam("limit")) + "' is not a number");
        }
        List<Decision> page = registry.decisions(ctx.pathParam("learnerId"), limit, ctx.queryParam("after"));
        ObjectNode o = JSON.createObjectNode();
        ArrayNode items = o.putArray("decisions");
        page.forEach(d -> items.add(decision(d)));
        o.put("next", page.size() == limit ? page.get(page.size() - 1).id() : null);
        json(ctx, 200, o);
    }

    private void learnerExceptions(Context ctx) {
        ArrayNode a = JSON.createArrayNode();
        registry.exceptions(ctx.pathParam("learnerId")).forEach(p -> a.add(exception(p)));
        json(ctx, 200, a);
    }

    private void propose(Context ctx) throws IOException {
        JsonNode b = object(body(ctx));
        for (var it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("type", "award", "requirement", "credential", "reason", "minimum").contains(f)) {
                throw Problem.badRequest(Printable.echo(f) + ": unknown field; expected type, award, requirement, "
                        + "credential, reason, minimum");
            }
        }
        JsonNode minimum = b.get("minimum");
        if (minimum != null && !minimum.isNull() && !minimum.isNumber()) {
            throw Problem.badRequest("minimum: must be a number");
        }
        StaffExceptions.Proposal p = registry.propose(caller(ctx), ctx.pathParam("learnerId"), text(b, "type"),
                text(b, "award"), text(b, "requirement"), text(b, "credential"), text(b, "reason"),
                minimum == null || minimum.isNull() ? null : minimum.decimalValue().toPlainString());
        ctx.header("Location", "/v1/learners/" + p.learnerId() + "/exceptions");
        json(ctx, 201, exception(p));
    }

    private void decide(Context ctx, boolean approve) throws IOException {
        byte[] body = body(ctx);
        String note = body.length == 0 ? null : text(object(body), "note");
        json(ctx, 200, exception(registry.decide(caller(ctx), ctx.pathParam("id"), approve, note)));
    }

    static ObjectNode exception(StaffExceptions.Proposal p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", p.id());
        o.put("learner", p.learnerId());
        o.put("type", JsonReport.code(p.type()));
        o.put("award", p.award());
        o.put("requirement", p.requirement());
        o.put("credential", p.credential());
        o.put("reason", p.reason());
        if (p.minimum() != null) {
            o.put("minimum", p.minimum());
        }
        o.put("status", p.status().code());
        o.put("proposedBy", p.proposedBy());
        o.put("proposedAt", p.proposedAt().toString());
        o.put("decidedBy", p.decidedBy());
        o.put("decidedAt", p.decidedAt() == null ? null : p.decidedAt().toString());
        o.put("note", p.note());
        return o;
    }

    private void accounts(Context ctx) {
        ArrayNode a = JSON.createArrayNode();
        for (var acc : registry.accounts().list()) {
            ObjectNode o = a.addObject();
            o.put("name", acc.name());
            o.put("role", acc.role().code());
            o.put("kind", acc.kind().name().toLowerCase(java.util.Locale.ROOT));
            o.put("createdAt", acc.createdAt());
        }
        json(ctx, 200, a);
    }

    private void addUser(Context ctx) throws IOException {
        JsonNode b = object(body(ctx));
        String name = text(b, "name");
        String password = text(b, "password");
        if (password == null) {
            throw Problem.badRequest("password: is missing");
        }
        try {
            registry.accounts().addUser(name, role(text(b, "role")), password.toCharArray());
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        }
        json(ctx, 201, JSON.createObjectNode().put("name", name).put("role", text(b, "role")));
    }

    private void addToken(Context ctx) throws IOException {
        JsonNode b = object(body(ctx));
        String name = text(b, "name");
        String token;
        try {
            token = registry.accounts().createToken(name, role(text(b, "role")));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        }
        json(ctx, 201, JSON.createObjectNode().put("name", name).put("role", text(b, "role")).put("token", token));
    }

    private void removeAccount(Context ctx) {
        String name = ctx.pathParam("name");
        if (name.equals(caller(ctx).name())) {
            throw new Problem(409, "you cannot remove your own account");
        }
        if (!registry.accounts().remove(name)) {
            throw Problem.notFound("no user or token " + Printable.echo(name));
        }
        ctx.status(204);
    }

    private static Role role(String word) {
        try {
            return Role.of(word);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("role: " + e.getMessage());
        }
    }

    private static JsonNode object(byte[] body) {
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (IOException e) {
            throw Problem.badRequest("request: the body is not JSON: " + Printable.echo(
                    e.getMessage().lines().findFirst().orElse("")));
        }
        if (n == null || !n.isObject()) {
            throw Problem.badRequest("request: the body must be a JSON object");
        }
        return n;
    }

    private static String text(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw Problem.badRequest(field + ": must be a string");
        }
        return v.asText();
    }
}
