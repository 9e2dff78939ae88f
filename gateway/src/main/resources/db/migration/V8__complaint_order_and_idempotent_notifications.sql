-- A complaint's status never goes backwards: the registry's own time of the status we hold, so an event or
-- an answer older than it is recorded but changes nothing (and tells nobody). Epoch milliseconds: exact, and
-- free of session time zones and of the driver dropping fractional seconds when it takes MariaDB for 5.5.
ALTER TABLE complaint
    ADD COLUMN registry_updated_ms BIGINT NULL COMMENT 'the registry''s updatedAt of the status held, epoch ms';

-- Every word the registry sent on a complaint, applied or not: webhook events and the relay's answers.
ALTER TABLE complaint_event
    ADD COLUMN source     VARCHAR(8)   NOT NULL DEFAULT 'WEBHOOK' COMMENT 'WEBHOOK or RELAY',
    ADD COLUMN updated_ms BIGINT       NULL COMMENT 'the registry''s updatedAt, epoch ms',
    ADD COLUMN note       VARCHAR(500) NULL,
    ADD COLUMN applied    BOOLEAN      NOT NULL DEFAULT TRUE COMMENT 'false: older than the status held';

-- Notifications API: a retried request (same Idempotency-Key) gets the first answer and sends nothing
-- more. Kept in MySQL so it holds across instances and restarts; keys expire after 24 hours.
CREATE TABLE api_idempotency (
    caller          CHAR(16)     NOT NULL COMMENT 'which API token asked (a hash prefix, never the token)',
    idempotency_key VARCHAR(255) NOT NULL,
    request_sha256  CHAR(64)     NOT NULL,
    status_code     SMALLINT     NOT NULL,
    response        MEDIUMTEXT   NOT NULL,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (caller, idempotency_key),
    INDEX idx_idempotency_age (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A client's own reference for a notification, unique per caller: a repeated ref gets the first id.
CREATE TABLE notification_ref (
    caller     CHAR(16)     NOT NULL,
    client_ref VARCHAR(100) NOT NULL,
    outbox_id  BIGINT       NOT NULL,
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (caller, client_ref)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
