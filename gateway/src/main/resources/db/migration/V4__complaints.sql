-- Complaints, from the moment they are stored (which is when they are accepted) until the registry has
-- them and reports on them. NIK is optional: people left out of the registry may have none on file.
CREATE TABLE complaint (
    ticket_id   CHAR(8)       NOT NULL PRIMARY KEY,
    category    VARCHAR(32)   NOT NULL,
    channel     VARCHAR(8)    NOT NULL COMMENT 'USSD, SMS or AGENT, as the registry names them',
    msisdn      VARCHAR(16)   NOT NULL COMMENT 'the phone that filed it: the only one told its details',
    agent_id    VARCHAR(64)   NULL,
    nik         CHAR(16)      NULL,
    region      VARCHAR(8)    NULL,
    village     VARCHAR(60)   NULL,
    body        TEXT          NOT NULL COMMENT 'verbatim, up to 1000 characters',
    status      VARCHAR(16)   NOT NULL DEFAULT 'RECEIVED',
    note        VARCHAR(500)  NULL,
    created_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    INDEX idx_complaint_msisdn (msisdn, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What still has to reach the registry: written in the complaint's own transaction, so nothing accepted
-- is ever forgotten; worked by the relay with back-off until the registry takes it (or refuses it, which
-- needs a person: ATTENTION with the registry's reason).
CREATE TABLE complaint_forward (
    ticket_id       CHAR(8)       NOT NULL PRIMARY KEY,
    status          VARCHAR(16)   NOT NULL DEFAULT 'PENDING' COMMENT 'PENDING, ACCEPTED, ATTENTION',
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) COMMENT 'for a claimed row: the end of its lease',
    claim_token     CHAR(36)      NULL,
    last_error      VARCHAR(255)  NULL,
    accepted_at     TIMESTAMP(3)  NULL,
    INDEX idx_forward_due (status, next_attempt_at),
    CONSTRAINT fk_forward_complaint FOREIGN KEY (ticket_id) REFERENCES complaint (ticket_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
