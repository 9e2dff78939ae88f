-- The MT outbox as a work queue shared by several gateway instances, and what the SMSC said of each part.

-- A row is claimed by one instance at a time (claim_token). While claimed (SENDING), next_attempt_at is when
-- the claim lapses: a claim that outlives it was left by a crashed instance and may be taken by another.
-- So one index, (status, next_attempt_at), finds both due rows and lapsed claims; every further index
-- would be rewritten on each claim and each send. Message ids move to the parts table: one per submit_sm.
ALTER TABLE outbox_sms
    DROP INDEX idx_outbox_smsc_id,
    DROP COLUMN smsc_message_id,
    ADD COLUMN claim_token   CHAR(36)     NULL,
    ADD COLUMN claimed_by    VARCHAR(64)  NULL,
    ADD COLUMN parts         INT          NULL,
    ADD COLUMN sent_at       TIMESTAMP(3) NULL,
    ADD COLUMN receipt_at    TIMESTAMP(3) NULL;

-- One row per submit_sm the SMSC accepted. smsc_message_id is canonical (MessageIds), so a receipt finds
-- it whatever form the SMSC writes ids in.
CREATE TABLE outbox_sms_part (
    outbox_id       BIGINT       NOT NULL,
    part_no         INT          NOT NULL,
    smsc_message_id VARCHAR(64)  NOT NULL,
    submitted_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    receipt_state   VARCHAR(16)  NULL,
    receipt_error   VARCHAR(16)  NULL,
    receipt_at      TIMESTAMP(3) NULL,
    PRIMARY KEY (outbox_id, part_no),
    INDEX idx_part_smsc_id (smsc_message_id),
    CONSTRAINT fk_part_outbox FOREIGN KEY (outbox_id) REFERENCES outbox_sms (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Receipts that matched no part (an SMSC reporting on a message we never sent, or ids misconfigured):
-- kept so an operator can see the mismatch instead of receipts silently vanishing.
CREATE TABLE sms_receipt_unmatched (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    smsc_message_id VARCHAR(64)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    done_at         TIMESTAMP(3) NOT NULL,
    received_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
