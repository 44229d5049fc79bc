package org.accrue.service.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import jakarta.servlet.http.HttpSession;
import org.accrue.service.Problem;
import org.accrue.service.Registry;
import org.accrue.service.accounts.AccessDenied;
import org.accrue.service.accounts.Caller;
import org.accrue.service.accounts.Role;
import org.accrue.service.log.Decision;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry officer's web page, served by {@code accrue serve} beside the API: server-rendered HTML (jte
 * templates in {@code src/main/jte}, compiled with the service) styled with GOV.UK Frontend from the jar, working
 * without JavaScript. Officers sign in with the accounts of {@code accrue users add}; sessions are HttpOnly,
 * SameSite=Strict cookies; every form carries the session's CSRF token; every page has a Content-Security-Policy
 * that allows nothing but this origin and no script at all.
 */
public final class Web {
    /** One page route: its method and path. Every one but the sign-in page needs a signed-in officer. */
    public record Route(HandlerType method, String path) {
    }

    public static final List<Route> ROUTES = List.of(
            new Route(HandlerType.GET, "/"),
            new Route(HandlerType.GET, "/sign-in"),
            new Route(HandlerType.POST, "/sign-in"),
            new Route(HandlerType.POST, "/sign-out"),
            new Route(HandlerType.POST, "/evaluate"),
            new Route(HandlerType.GET, "/decisions/{id}"),
            new Route(HandlerType.GET, "/learners/{learnerId}"),
            new Route(HandlerType.GET, "/learners/{learnerId}/compare"),
            new Route(HandlerType.GET, "/learners/{learnerId}/plan"),
            new Route(HandlerType.GET, "/learners/{learnerId}/exceptions/new"),
            new Route(HandlerType.POST, "/learners/{learnerId}/exceptions"),
            new Route(HandlerType.GET, "/exceptions"),
            new Route(HandlerType.POST, "/exceptions/{id}/decide"),
            new Route(HandlerType.GET, "/rulesets"),
            new Route(HandlerType.GET, "/overview"));

    static final String CSP = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    private static final String CALLER = "accrue.web.caller";
    private static final String CSRF = "accrue.web.csrf";

    private final Registry registry;
    private final long maxBody;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final SecureRandom random = new SecureRandom();

    private Web(Registry registry, long maxBody) {
        this.registry = registry;
        this.maxBody = maxBody;
    }

    /** Adds the pages, their assets and the session handling to a server being configured. */
    public static void install(JavalinConfig config, Registry registry, long maxBody) {
        Web web = new Web(registry, maxBody);
        config.routes.addHttpHandler(HandlerType.GET, "/static/<file>", ctx -> web.asset(ctx, ctx.pathParam("file")));
        config.routes.addHttpHandler(HandlerType.GET, "/assets/<file>", ctx -> web.asset(ctx,
                "assets/" + ctx.pathParam("file")));
        config.jetty.modifyServletContextHandler(h -> {
            SessionHandler sessions = new SessionHandler();
            sessions.setSessionCookie("accrue-session");
            sessions.setHttpOnly(true);
            sessions.setSameSite(HttpCookie.SameSite.STRICT);
            sessions.setMaxInactiveInterval(30 * 60);
            h.setSessionHandler(sessions);
        });
        for (Route r : ROUTES) {
            config.routes.addHttpHandler(r.method(), r.path(), web.handler(r));
        }
    }

    /** The types of the files the pages use, by extension: nothing else is served. */
    private static final Map<String, String> TYPES = Map.of("css", "text/css; charset=utf-8", "woff2", "font/woff2",
            "woff", "font/woff", "png", "image/png", "ico", "image/x-icon", "svg", "image/svg+xml");

    /**
     * A style sheet, font or image: Accrue's own ({@code accrue.css}) or GOV.UK Frontend's, from the jar. No
     * script is served, and no path leaves the two folders.
     */
    private void asset(Context ctx, String file) throws IOException {
        String extension = file.substring(file.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        String resource = file.equals("accrue.css") ? "/org/accrue/service/web/static/accrue.css"
                : "/META-INF/resources/webjars/govuk-frontend/" + Versions.GOVUK_FRONTEND + "/dist/govuk/" + file;
        InputStream in = type == null || file.contains("..") || file.contains("//") || file.contains("\\") ? null
                : Web.class.getResourceAsStream(resource);
        securityHeaders().forEach(ctx::header);
        if (in == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such file");
            return;
        }
        try (in) {
            ctx.header("Cache-Control", "public, max-age=86400");
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    private static Map<String, String> securityHeaders() {
        return Map.of("Content-Security-Policy", CSP, "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY");
    }

    private Handler handler(Route r) {
        Handler h = switch (r.method().name() + " " + r.path()) {
            case "GET /" -> ctx -> signedIn(ctx, this::evaluatePage);
            case "GET /sign-in" -> this::signInPage;
            case "POST /sign-in" -> this::signIn;
            case "POST /sign-out" -> this::signOut;
            case "POST /evaluate" -> ctx -> signedIn(ctx, this::evaluate);
            case "GET /decisions/{id}" -> ctx -> signedIn(ctx, this::decision);
            case "GET /learners/{learnerId}" -> ctx -> signedIn(ctx, this::learner);
            case "GET /learners/{learnerId}/compare" -> ctx -> signedIn(ctx, this::compare);
            case "GET /learners/{learnerId}/plan" -> ctx -> signedIn(ctx, this::plan);
            case "GET /learners/{learnerId}/exceptions/new" -> ctx -> signedIn(ctx, (c, caller) -> proposeForm(c,
                    caller, null));
            case "POST /learners/{learnerId}/exceptions" -> ctx -> signedIn(ctx, this::propose);
            case "GET /exceptions" -> ctx -> signedIn(ctx, this::exceptions);
            case "POST /exceptions/{id}/decide" -> ctx -> signedIn(ctx, this::decide);
            case "GET /rulesets" -> ctx -> signedIn(ctx, (c, caller) -> render(c, 200, "rulesets.jte", params("page",
                    page(c, caller), "view", RuleSetsView.of(registry.ruleSets(), registry.today()))));
            case "GET /overview" -> ctx -> signedIn(ctx, (c, caller) -> render(c, 200, "overview.jte", params("page",
                    page(c, caller), "overview", Overview.of(registry.log().verdicts()))));
            default -> throw new IllegalStateException("no handler for " + r);
        };
        return ctx -> {
            securityHeaders().forEach(ctx::header);
            ctx.header("Cache-Control", "no-store");
            try {
                h.handle(ctx);
            } catch (AccessDenied e) {
                HttpSession session = ctx.req().getSession(false);
                Caller caller = session == null ? null : (Caller) session.getAttribute(CALLER);
                render(ctx, e.status(), "message.jte", params("page", page(ctx, caller), "title",
                        e.status() == 403 ? "Not allowed" : "Sign in again", "message", e.getMessage()));
            }
        };
    }

    private interface SignedIn {
        void handle(Context ctx, Caller caller) throws Exception;
    }

    /** Runs a page for a signed-in officer; otherwise back to sign-in, and from there back here. */
    private void signedIn(Context ctx, SignedIn page) throws Exception {
        HttpSession session = ctx.req().getSession(false);
        Caller caller = session == null ? null : (Caller) session.getAttribute(CALLER);
        if (caller == null) {
            String here = ctx.method() == HandlerType.GET ? ctx.path() + (ctx.queryString() == null ? ""
                    : "?" + ctx.queryString()) : formPage(ctx.path());
            ctx.redirect("/sign-in?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8), io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        if (ctx.method() == HandlerType.POST) {
            checkCsrf(ctx, session);
        }
        page.handle(ctx, caller);
    }

    /**
     * The page a form was posted from, for a session that expired while the officer filled it in: after signing
     * in again they are back at that form (a post itself cannot be repeated).
     */
    static String formPage(String postedTo) {
        if (postedTo.startsWith("/learners/") && postedTo.endsWith("/exceptions")) {
            return postedTo + "/new";
        }
        if (postedTo.startsWith("/exceptions/")) {
            return "/exceptions";
        }
        return "/";
    }

    private void checkCsrf(Context ctx, HttpSession session) {
        String expected = session == null ? null : (String) session.getAttribute(CSRF);
        String given = ctx.formParam("csrf");
        if (expected == null || given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII))) {
            throw new AccessDenied(403, "this form has expired or did not come from this site: reload the page and "
                    + "try again");
        }
    }

    private String csrf(HttpSession session) {
        String token = (String) session.getAttribute(CSRF);
        if (token == null) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            session.setAttribute(CSRF, token);
        }
        return token;
    }

    private Page page(Context ctx, Caller caller) {
        HttpSession session = ctx.req().getSession(true);
        return new Page(caller == null ? null : caller.name(), caller == null ? null : caller.role().code(),
                csrf(session));
    }

    private void render(Context ctx, int status, String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        templates.render(template, params, out);
        ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
    }

    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private void signInPage(Context ctx) {
        render(ctx, 200, "signin.jte", params("page", page(ctx, null), "next", safeNext(ctx.queryParam("next")),
                "error", null, "name", ""));
    }

    /** Only a path on this site: never another origin (an open redirect). */
    static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
                && !next.contains("\r") && !next.contains("\n") ? next : "/";
    }

    private void signIn(Context ctx) {
        HttpSession session = ctx.req().getSession(true);
        checkCsrf(ctx, session);
        String name = ctx.formParam("name") == null ? "" : ctx.formParam("name").strip();
        String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
        String next = safeNext(ctx.formParam("next"));
        Caller caller;
        try {
            caller = registry.accounts().signIn(name, password, ctx.ip());
        } catch (AccessDenied e) {
            String error = e.status() == 429 ? e.getMessage() : "The user name or password is not right";
            render(ctx, e.status() == 429 ? 429 : 401, "signin.jte", params("page", page(ctx, null), "next", next,
                    "error", error, "name", name));
            return;
        }
        // a new session on sign-in: a session id set before it (fixation) is worth nothing after
        session.invalidate();
        HttpSession fresh = ctx.req().getSession(true);
        fresh.setAttribute(CALLER, caller);
        csrf(fresh);
        ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void signOut(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session != null) {
            checkCsrf(ctx, session);
            session.invalidate();
        }
        ctx.redirect("/sign-in", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private List<String> awardIds() {
        return registry.ruleSets().current(registry.today()).ruleSet().awards().stream().map(a -> a.id()).toList();
    }

    private void evaluatePage(Context ctx, Caller caller) {
        render(ctx, 200, "evaluate.jte", params("page", page(ctx, caller), "asOf", registry.today().toString(),
                "awards", awardIds(), "chosen", List.of(), "error", null));
    }

    private void evaluate(Context ctx, Caller caller) throws IOException {
        List<String> chosen = ctx.formParams("award");
        String asOfText = ctx.formParam("asOf");
        UploadedFile file = ctx.uploadedFile("file");
        try {
            LocalDate asOf;
            try {
                asOf = asOfText == null || asOfText.isBlank() ? registry.today() : LocalDate.parse(asOfText.strip());
            } catch (DateTimeParseException e) {
                throw Problem.badRequest("As of: '" + org.accrue.report.Printable.echo(asOfText)
                        + "' is not a date like 2026-11-28");
            }
            String fromLog = ctx.formParam("learner") == null ? "" : ctx.formParam("learner").strip();
            Decision d;
            if ((file == null || file.size() == 0) && !fromLog.isEmpty()) {
                d = registry.evaluateAgain(caller, fromLog, asOf, chosen);
            } else {
                if (file == null || file.size() == 0) {
                    throw Problem.badRequest("Choose a learner file to check, or give a learner id from the log");
                }
                if (file.size() > maxBody) {
                    throw new Problem(413, "The file is larger than the limit of " + maxBody + " bytes");
                }
                byte[] bytes;
                try (InputStream in = file.content()) {
                    bytes = in.readNBytes((int) maxBody + 1);
                }
                d = registry.evaluate(caller, bytes, file.contentType(), asOf, chosen, null, fileName(file));
            }
            ctx.redirect("/decisions/" + d.id(), io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (Problem p) {
            render(ctx, p.status(), "evaluate.jte", params("page", page(ctx, caller), "asOf", asOfText == null
                    ? registry.today().toString() : asOfText, "awards", awardIds(), "chosen", chosen, "error",
                    p.getMessage()));
        }
    }

    /** Each credential's subjects, from the learner's file the log holds; none once it is erased. */
    private static Map<String, List<String>> subjects(Decision d) {
        if (d.input() == null) {
            return Map.of();
        }
        try {
            var record = org.accrue.reading.LearnerFiles.parseAny(org.accrue.reading.LearnerFiles.utf8(d.input(),
                    "log", "body"), "log", false);
            Map<String, List<String>> m = new HashMap<>();
            record.credentials().forEach(c -> m.put(c.id(), c.subjects()));
            return m;
        } catch (org.accrue.reading.InvalidInputException e) {
            return Map.of();
        }
    }

    private static void require(Caller caller, Role role) {
        if (!caller.role().covers(role)) {
            throw new AccessDenied(403, caller.name() + " (" + caller.role().code() + ") may not do this: it needs "
                    + "the role " + role.code());
        }
    }

    private void learner(Context ctx, Caller caller) {
        String learner = ctx.pathParam("learnerId");
        render(ctx, 200, "learner.jte", params("page", page(ctx, caller), "learner", learner, "decisions",
                registry.decisions(learner, 100, null), "exceptions", registry.exceptions(learner), "mayPropose",
                caller.role().covers(Role.OFFICER)));
    }

    private void compare(Context ctx, Caller caller) {
        String learner = ctx.pathParam("learnerId");
        String a = ctx.queryParam("a");
        String b = ctx.queryParam("b");
        Decision x;
        Decision y;
        try {
            if (a == null || b == null || a.equals(b)) {
                throw Problem.badRequest("Choose two different decisions to compare");
            }
            x = registry.decision(a);
            y = registry.decision(b);
        } catch (Problem p) {
            render(ctx, p.status(), "message.jte", params("page", page(ctx, caller), "title", "Cannot compare",
                    "message", p.getMessage()));
            return;
        }
        for (Decision d : List.of(x, y)) {
            if (!learner.equals(d.learnerId()) || d.result() == null) {
                render(ctx, 400, "message.jte", params("page", page(ctx, caller), "title", "Cannot compare",
                        "message", "Decision " + d.id() + " is not an evaluation of learner " + learner
                                + " that is still on record in full"));
                return;
            }
        }
        if (x.seq() > y.seq()) {
            Decision t = x;
            x = y;
            y = t;
        }
        render(ctx, 200, "compare.jte", params("page", page(ctx, caller), "comparison", Comparison.of(learner,
                ResultView.of(x.id(), x.by(), x.at().toString(), x.result()),
                ResultView.of(y.id(), y.by(), y.at().toString(), y.result()))));
    }

    /**
     * The plan tab: a form (a GET: planning changes nothing), and, once an award is chosen, the plan for it or for
     * every award from the learner's newest file on the log.
     */
    private void plan(Context ctx, Caller caller) {
        String learner = ctx.pathParam("learnerId");
        String award = ctx.queryParam("award");
        String objective = ctx.queryParam("objective") == null ? "cost" : ctx.queryParam("objective");
        String budget = blankless(ctx.queryParam("budget"));
        String asOfText = ctx.queryParam("asOf") == null || ctx.queryParam("asOf").isBlank()
                ? registry.today().toString() : ctx.queryParam("asOf").strip();
        org.accrue.planning.Catalogue catalogue = registry.catalogue();
        List<PlanView> plans = new ArrayList<>();
        String error = null;
        int status = 200;
        if (award != null && catalogue != null) {
            try {
                LocalDate asOf;
                try {
                    asOf = LocalDate.parse(asOfText);
                } catch (DateTimeParseException e) {
                    throw Problem.badRequest("As of: '" + org.accrue.report.Printable.echo(asOfText)
                            + "' is not a date like 2026-11-28");
                }
                org.accrue.planning.Objective o = org.accrue.planning.Objective.of(objective)
                        .orElse(org.accrue.planning.Objective.COST);
                java.math.BigDecimal limit;
                try {
                    limit = budget.isBlank() ? null : new java.math.BigDecimal(budget.strip());
                } catch (NumberFormatException e) {
                    throw Problem.badRequest("Budget: '" + org.accrue.report.Printable.echo(budget)
                            + "' is not an amount like 1500 or 1500.50");
                }
                List<String> awards = award.equals("all") ? List.of() : List.of(award);
                for (var r : registry.pathways().planFromLog(caller, learner, asOf, awards, o, limit, 2)) {
                    plans.add(PlanView.of(r, catalogue));
                }
            } catch (Problem p) {
                error = p.getMessage();
                status = p.status();
            }
        }
        render(ctx, status, "plan.jte", params("page", page(ctx, caller), "learner", learner, "awards", awardIds(),
                "award", award == null ? "all" : award, "objective", objective, "budget", budget, "asOf", asOfText,
                "catalogue", catalogue == null ? null : catalogueName(catalogue), "error", error, "plans", plans));
    }

    private static String catalogueName(org.accrue.planning.Catalogue c) {
        String source = c.source() == null ? "the catalogue" : java.nio.file.Path.of(c.source()).getFileName().toString();
        return source + " (" + c.items().size() + " items, prices in " + c.currency() + ")";
    }

    private void proposeForm(Context ctx, Caller caller, String error) {
        require(caller, Role.OFFICER);
        render(ctx, error == null ? 200 : 400, "propose.jte", params("page", page(ctx, caller), "learner",
                ctx.pathParam("learnerId"), "awards", awardIds(), "error", error, "type", ctx.formParam("type"),
                "award", ctx.formParam("award"), "requirement", blankless(ctx.formParam("requirement")), "credential",
                blankless(ctx.formParam("credential")), "reason", blankless(ctx.formParam("reason")), "minimum",
                blankless(ctx.formParam("minimum"))));
    }

    private static String blankless(String s) {
        return s == null ? "" : s;
    }

    private static String orNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private void propose(Context ctx, Caller caller) {
        require(caller, Role.OFFICER);
        try {
            registry.propose(caller, ctx.pathParam("learnerId"), ctx.formParam("type"), orNull(ctx.formParam("award")),
                    orNull(ctx.formParam("requirement")), orNull(ctx.formParam("credential")),
                    orNull(ctx.formParam("reason")), orNull(ctx.formParam("minimum")));
        } catch (Problem p) {
            proposeForm(ctx, caller, p.getMessage());
            return;
        }
        ctx.redirect("/exceptions?done=proposed", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void exceptions(Context ctx, Caller caller) {
        String done = ctx.queryParam("done");
        String notice = done == null ? null : switch (done) {
            case "proposed" -> "The exception was proposed: another officer with the approver role decides it.";
            case "approved" -> "The exception was approved: checks of the learner apply it from now on.";
            case "rejected" -> "The exception was rejected.";
            default -> null;
        };
        render(ctx, 200, "exceptions.jte", params("page", page(ctx, caller), "pending", registry.pendingExceptions(),
                "mayDecide", caller.role().covers(Role.APPROVER), "notice", notice));
    }

    private void decide(Context ctx, Caller caller) {
        require(caller, Role.APPROVER);
        String decision = ctx.formParam("decision");
        boolean approve = "approve".equals(decision);
        try {
            if (!approve && !"reject".equals(decision)) {
                throw Problem.badRequest("Choose approve or reject");
            }
            registry.decide(caller, ctx.pathParam("id"), approve, orNull(ctx.formParam("note")));
        } catch (Problem p) {
            render(ctx, p.status(), "message.jte", params("page", page(ctx, caller), "title", "Not decided",
                    "message", p.getMessage()));
            return;
        }
        ctx.redirect("/exceptions?done=" + (approve ? "approved" : "rejected"), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** The uploaded file's name, as results and messages name it: the last part of it, printable, at most 100. */
    static String fileName(UploadedFile file) {
        String name = file.filename() == null ? "" : file.filename();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        name = org.accrue.report.Printable.visible(name);
        return name.isEmpty() ? "upload" : name.length() > 100 ? name.substring(0, 100) : name;
    }

    private void decision(Context ctx, Caller caller) {
        Decision d;
        try {
            d = registry.decision(ctx.pathParam("id"));
        } catch (Problem p) {
            render(ctx, 404, "message.jte", params("page", page(ctx, caller), "title", "No such decision",
                    "message", p.getMessage()));
            return;
        }
        if (d.status() == Decision.Status.EVALUATED && d.result() != null) {
            render(ctx, 200, "result.jte", params("page", page(ctx, caller), "result", ResultView.of(d.id(), d.by(),
                    d.at().toString(), d.result(), subjects(d))));
        } else if (d.status() == Decision.Status.REJECTED) {
            render(ctx, 200, "message.jte", params("page", page(ctx, caller), "title", "Not evaluated", "message",
                    d.reason()));
        } else {
            render(ctx, 200, "message.jte", params("page", page(ctx, caller), "title", "Decision " + d.id(),
                    "message", d.erased() ? "The learner's data was erased on " + d.erasedAt() + "; the verdicts "
                            + "stay on record: " + d.verdicts() : "This record is " + d.status().code() + "."));
        }
    }
}
