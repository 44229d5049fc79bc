-- A "modify" exception changes a requirement's minimum for one learner: the new minimum, as a decimal text.
ALTER TABLE staff_exceptions ADD COLUMN minimum VARCHAR(40);
