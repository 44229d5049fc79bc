package org.accrue.cli;

import org.accrue.result.Detail;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --detail verdicts|requirements|full}: how much of each result is built and written. */
final class DetailOption {
    @Option(names = "--detail", paramLabel = "verdicts|requirements|full", defaultValue = "full",
            converter = Words.class,
            description = "How much of each result to build and write: verdicts (each award's verdict and, for a "
                    + "requirement not met, its numbers), requirements (every requirement, what counted, exceptions) "
                    + "or full (everything, with the sentences). Each is a subset of the same JSON shape "
                    + "(docs/results.md). Default: full.")
    Detail detail = Detail.FULL;

    static final class Words implements ITypeConverter<Detail> {
        @Override
        public Detail convert(String value) {
            try {
                return Detail.of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
