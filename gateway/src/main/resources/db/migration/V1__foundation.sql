-- The gateway's own records. Resident data lives in the registry, never here.

-- Every MT message leaves through this outbox: written before it is sent, so nothing is lost
-- when the SMSC is down or the gateway restarts (the sender and receipts come with the SMPP work).
CREATE TABLE outbox_sms (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    msisdn          VARCHAR(16)  NOT NULL,
    body            TEXT         NOT NULL,
    category        VARCHAR(32)  NOT NULL,
    status          VARCHAR(16)  NOT NULL DEFAULT 'QUEUED',
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    smsc_message_id VARCHAR(64)  NULL,
    failure         VARCHAR(255) NULL,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    INDEX idx_outbox_due (status, next_attempt_at),
    INDEX idx_outbox_smsc_id (smsc_message_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
