package org.accrue;

import org.accrue.learner.Credential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a registry knows by name: its subject tags and the institutions whose credentials it reads. Given to
 * {@link RuleSet#warnings(KnownNames)}, they let {@code rules check} warn about a rule naming a subject no record of
 * the registry has, or an equivalence row naming an awarding body the registry does not know (a misspelt body
 * matches no credential, silently).
 *
 * <p>Both lists are plain text, one entry a line, {@code #} starting a comment:
 * <ul>
 *   <li>subjects: one tag a line, as records carry them (lower case, no spaces at its ends);</li>
 *   <li>institutions: one institution a line, its names and identifiers (ROR id, Erasmus code, SCHAC home
 *       organisation) separated by {@code |}; any of them is known, compared as credentials compare awarding
 *       bodies (case and runs of spaces aside).</li>
 * </ul>
 */
public final class KnownNames {
    /** No list: nothing to warn about. */
    public static final KnownNames NONE = new KnownNames(null, null);

    private final Set<String> subjects;
    private final Set<String> bodies;

    private KnownNames(Set<String> subjects, Set<String> bodies) {
        this.subjects = subjects;
        this.bodies = bodies;
    }

    /**
     * The lists in the given files, either of which may be null (not given).
     *
     * @throws RuleSetException naming the file and line of an entry that is not usable, or a file that cannot be read
     */
    public static KnownNames read(Path subjectsFile, Path institutionsFile) throws RuleSetException {
        Set<String> subjects = null;
        Set<String> bodies = null;
        List<RuleProblem> problems = new ArrayList<>();
        if (subjectsFile != null) {
            subjects = new HashSet<>();
            List<String> lines = lines(subjectsFile);
            for (int i = 0; i < lines.size(); i++) {
                String tag = entry(lines.get(i));
                if (tag.isEmpty()) {
                    continue;
                }
                String usable = tag.toLowerCase(Locale.ROOT);
                if (!tag.equals(usable)) {
                    problems.add(new RuleProblem(subjectsFile.toString(), i + 1, 0, "subject '" + tag + "' is not as "
                            + "records carry subjects (lower case): write '" + usable + "'"));
                }
                subjects.add(usable);
            }
        }
        if (institutionsFile != null) {
            bodies = new HashSet<>();
            List<String> lines = lines(institutionsFile);
            for (int i = 0; i < lines.size(); i++) {
                String line = entry(lines.get(i));
                if (line.isEmpty()) {
                    continue;
                }
                String[] names = line.split("\\|", -1);
                for (int n = 0; n < names.length; n++) {
                    if (names[n].isBlank()) {
                        problems.add(new RuleProblem(institutionsFile.toString(), i + 1, 0, "entry " + (n + 1)
                                + " is empty: an institution line is its names and identifiers separated by '|'"));
                    } else {
                        bodies.add(Credential.bodyKey(names[n]));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        return new KnownNames(subjects == null ? null : Set.copyOf(subjects), bodies == null ? null : Set.copyOf(bodies));
    }

    private static List<String> lines(Path file) throws RuleSetException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new RuleSetException(file + ": cannot be read as UTF-8 text");
        } catch (IOException e) {
            throw new RuleSetException(org.accrue.io.IoErrors.describe(e));
        }
    }

    /** A line without its comment and the spaces at its ends. */
    private static String entry(String line) {
        int hash = line.indexOf('#');
        return (hash < 0 ? line : line.substring(0, hash)).strip();
    }

    /** True when a subject list was given. */
    public boolean hasSubjects() {
        return subjects != null;
    }

    /** True when an institution list was given. */
    public boolean hasInstitutions() {
        return bodies != null;
    }

    /** True when no subject list was given, or the tag is in it. */
    public boolean knowsSubject(String tag) {
        return subjects == null || subjects.contains(tag);
    }

    /** True when no institution list was given, or the name or identifier is one of its entries. */
    public boolean knowsBody(String nameOrId) {
        return bodies == null || bodies.contains(Credential.bodyKey(nameOrId));
    }
}
