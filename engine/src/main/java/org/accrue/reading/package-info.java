/**
 * Reading learner files into {@link org.accrue.learner.LearnerRecord}s, with one-line errors that name the file
 * and the field: Accrue learner records (YAML or JSON), Open Badges 3.0, CLR 2.0, Europass (ELM v3) and CSV
 * transcripts, chosen by content ({@link org.accrue.reading.LearnerFiles}; docs/formats.md). Only regular files
 * of bounded size in UTF-8 are read, and every number is range-checked before it is used.
 */
package org.accrue.reading;
