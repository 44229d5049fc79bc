-- Accrue registry service, schema 1. The same statements run on SQLite and PostgreSQL: only types both know.

-- The decision log: append-only. Each record's hash covers its fields and the hash of the record before it.
-- Personal data (the learner's input and the full result) is held beside its SHA-256, which the hash covers,
-- so that erasing it leaves the chain verifiable.
CREATE TABLE decisions (
    seq           BIGINT       NOT NULL PRIMARY KEY,
    id            VARCHAR(64)  NOT NULL UNIQUE,
    at            VARCHAR(40)  NOT NULL,
    by_name       VARCHAR(200) NOT NULL,
    learner_id    VARCHAR(400),
    as_of         VARCHAR(10)  NOT NULL,
    awards        TEXT         NOT NULL,
    rule_set      VARCHAR(80)  NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    reason        TEXT,
    verdicts      TEXT         NOT NULL,
    exceptions    TEXT         NOT NULL,
    media_type    VARCHAR(200),
    input_sha256  VARCHAR(64)  NOT NULL,
    input         TEXT,
    result_sha256 VARCHAR(64),
    result        TEXT,
    erased_at     VARCHAR(40),
    prev_hash     VARCHAR(64)  NOT NULL,
    hash          VARCHAR(64)  NOT NULL
);
CREATE INDEX decisions_learner ON decisions (learner_id, seq);

-- The newest record's number and hash, moved in the same transaction as each append: a record removed from
-- the end of the log is seen, and two writers cannot both extend the same record.
CREATE TABLE chain_head (
    one  INTEGER     NOT NULL PRIMARY KEY,
    seq  BIGINT      NOT NULL,
    hash VARCHAR(64) NOT NULL
);
INSERT INTO chain_head (one, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Accounts: people sign in with a password (BCrypt hash), systems with a token (SHA-256 of its secret part).
CREATE TABLE users (
    name          VARCHAR(200) NOT NULL PRIMARY KEY,
    role          VARCHAR(20)  NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    created_at    VARCHAR(40)  NOT NULL
);
CREATE TABLE tokens (
    id          VARCHAR(40)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL UNIQUE,
    role        VARCHAR(20)  NOT NULL,
    secret_hash VARCHAR(64)  NOT NULL,
    created_at  VARCHAR(40)  NOT NULL
);

-- Staff exceptions, four eyes: proposed by one person, approved or rejected by another.
CREATE TABLE staff_exceptions (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    learner_id  VARCHAR(400) NOT NULL,
    type        VARCHAR(20)  NOT NULL,
    award       VARCHAR(200) NOT NULL,
    requirement VARCHAR(200),
    credential  VARCHAR(400),
    reason      TEXT         NOT NULL,
    proposed_by VARCHAR(200) NOT NULL,
    proposed_at VARCHAR(40)  NOT NULL,
    status      VARCHAR(20)  NOT NULL,
    decided_by  VARCHAR(200),
    decided_at  VARCHAR(40),
    note        TEXT
);
CREATE INDEX staff_exceptions_learner ON staff_exceptions (learner_id, proposed_at);
