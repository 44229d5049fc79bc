/**
 * Reading learner files (YAML or JSON) into {@link org.accrue.learner.LearnerRecord}s, with errors that
 * name the file and the field.
 */
package org.accrue.reading;
