-- smtp-client outbox schema, version 1, for H2 2.x.
-- Applied by Flyway or Liquibase (own history table), or by the outbox's opt-in initializer. Idempotent.

CREATE TABLE IF NOT EXISTS smtp_outbox_message (
    id               VARCHAR(36)              NOT NULL PRIMARY KEY,
    state            VARCHAR(12)              NOT NULL,
    priority         INTEGER                  NOT NULL,
    idempotency_key  VARCHAR(255),
    sender           VARCHAR(998)             NOT NULL,
    dsn_return       VARCHAR(4),
    envelope_id      VARCHAR(100),
    message_id       VARCHAR(998),
    subject          VARCHAR(998),
    content_size     BIGINT                   NOT NULL,
    chunk_count      INTEGER                  NOT NULL,
    content_encoding VARCHAR(10)              NOT NULL,
    smtputf8         BOOLEAN                  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE,
    attempts         INTEGER                  NOT NULL,
    budget_start     INTEGER                  NOT NULL,
    lease_owner      VARCHAR(100),
    lease_until      TIMESTAMP WITH TIME ZONE,
    last_reply       VARCHAR(2000),
    reason           VARCHAR(2000),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at      TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX IF NOT EXISTS smtp_outbox_message_idempotency ON smtp_outbox_message (idempotency_key);
CREATE INDEX IF NOT EXISTS smtp_outbox_message_due ON smtp_outbox_message (state, next_attempt_at);
CREATE INDEX IF NOT EXISTS smtp_outbox_message_lease ON smtp_outbox_message (state, lease_until);
CREATE INDEX IF NOT EXISTS smtp_outbox_message_finished ON smtp_outbox_message (state, finished_at);

CREATE TABLE IF NOT EXISTS smtp_outbox_recipient (
    message_id         VARCHAR(36)   NOT NULL REFERENCES smtp_outbox_message (id) ON DELETE CASCADE,
    recipient_index    INTEGER       NOT NULL,
    address            VARCHAR(998)  NOT NULL,
    dsn_notify         VARCHAR(40),
    original_recipient VARCHAR(998),
    state              VARCHAR(10)   NOT NULL,
    last_reply         VARCHAR(2000),
    PRIMARY KEY (message_id, recipient_index)
);

CREATE TABLE IF NOT EXISTS smtp_outbox_chunk (
    message_id  VARCHAR(36) NOT NULL REFERENCES smtp_outbox_message (id) ON DELETE CASCADE,
    chunk_index INTEGER     NOT NULL,
    data        VARBINARY(1048576) NOT NULL,
    PRIMARY KEY (message_id, chunk_index)
);

CREATE TABLE IF NOT EXISTS smtp_outbox_attempt (
    message_id     VARCHAR(36)              NOT NULL REFERENCES smtp_outbox_message (id) ON DELETE CASCADE,
    attempt_number INTEGER                  NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    worker         VARCHAR(100)             NOT NULL,
    outcome        VARCHAR(12)              NOT NULL,
    reply          VARCHAR(2000),
    detail         VARCHAR(4000),
    PRIMARY KEY (message_id, attempt_number)
);
