package org.accrue.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.accrue.population.PopulationGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a generated population of learners for load tests and benchmarks: short-course "
                + "stackers, postgraduates, undergraduates transferring credit and European micro-credential "
                + "holders, so that a realistic share is eligible for each shipped award.",
                "The same seed and --as-of give the same bytes."},
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {
        "0:the learners were written",
        "1:the output could not be written",
        "2:usage error"})
final class GenerateCommand implements Callable<Integer> {
    private static final ObjectMapper JSONL = JsonMapper.builder().build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    @Spec
    CommandSpec spec;

    @Option(names = "--learners", paramLabel = "N", required = true, description = "How many learners.")
    long learners;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "The random seed. Default: 1.")
    long seed;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "The date issue dates count back from. Default: today.")
    LocalDate asOf;

    @Option(names = "--catalogue-size", paramLabel = "N",
            description = "How many distinct courses the learners' credentials come from: each course (provider, code, "
                    + "title, credit, level, subjects) is shared by the learners who hold it, each with their own issue "
                    + "date, route and identity check, as in a registry. 0: every credential a course of its own. "
                    + "Default: " + PopulationGenerator.DEFAULT_CATALOGUE + ".")
    int catalogueSize = PopulationGenerator.DEFAULT_CATALOGUE;

    @Option(names = "--out", paramLabel = "DIR|FILE", required = true,
            description = "A file ending .jsonl (one learner per line), or a folder for one YAML file per learner.")
    Path out;

    @Override
    public Integer call() {
        if (learners < 0) {
            spec.commandLine().getErr().println("accrue generate: --learners must be 0 or more");
            return ExitStatus.USAGE;
        }
        if (catalogueSize < 0) {
            spec.commandLine().getErr().println("accrue generate: --catalogue-size must be 0 or more");
            return ExitStatus.USAGE;
        }
        PopulationGenerator generator = new PopulationGenerator(seed, asOf == null ? LocalDate.now() : asOf,
                catalogueSize);
        try {
            if (out.getFileName().toString().endsWith(".jsonl")) {
                if (out.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(out.toAbsolutePath().getParent());
                }
                try (BufferedWriter w = Files.newBufferedWriter(out)) {
                    for (long n = 1; n <= learners; n++) {
                        w.write(JSONL.writeValueAsString(generator.learner(n)));
                        w.write('\n');
                    }
                }
            } else {
                Files.createDirectories(out);
                for (long n = 1; n <= learners; n++) {
                    YAML.writeValue(out.resolve(String.format("learner-%08d.yaml", n)).toFile(), generator.learner(n));
                }
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println("accrue generate: " + out + ": " + e.getMessage());
            return ExitStatus.BAD_INPUT;
        }
        spec.commandLine().getErr().println("accrue generate: " + learners + " learners written to " + out);
        return ExitStatus.OK;
    }
}
