-- Durable MO intake: every deliver_sm that is an SMS part is a row here before the SMSC gets its
-- deliver_sm_resp, and is processed from here (claims and leases, like the outbox), so a crash or a Redis
-- restart loses nothing acknowledged.
--
-- fingerprint: what the SMSC's redelivery of the same PDU keeps identical (see InboxWriter). It is unique, so a
-- redelivery inserts nothing and is still answered OK. A done row lets go of it (NULL, which the unique index
-- allows any number of) when the same content arrives and can be the resident's new message by now: a
-- one-part SMS a moment after it was answered; a part of a long SMS, or an SMS stored although its deliver_sm
-- was answered ESME_RX_T_APPN (deferred: the SMSC sends it again), after the duplicate window.
-- While CLAIMED, lease_until is when the claim lapses: a claim that outlives it was left by a crashed instance.
CREATE TABLE sms_inbox (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    fingerprint  CHAR(32)     NULL,
    msisdn       VARCHAR(20)  NOT NULL,
    destination  VARCHAR(21)  NOT NULL,
    body         TEXT         NOT NULL COMMENT 'the part as decoded; emptied with the row by retention',
    concat_ref   INT          NULL COMMENT 'long SMS: reference, total and place of this part; NULL for one SMS',
    concat_total INT          NULL,
    concat_seq   INT          NULL,
    received_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    state        VARCHAR(8)   NOT NULL DEFAULT 'NEW' COMMENT 'NEW, CLAIMED or DONE',
    claim_token  CHAR(36)     NULL,
    claimed_by   VARCHAR(64)  NULL,
    lease_until  TIMESTAMP(3) NULL,
    attempts     INT          NOT NULL DEFAULT 0,
    deferred     TINYINT(1)   NOT NULL DEFAULT 0,
    done_at      TIMESTAMP(3) NULL,
    UNIQUE INDEX uq_inbox_fingerprint (fingerprint),
    INDEX idx_inbox_state (state, lease_until),
    INDEX idx_inbox_message (msisdn, concat_ref, concat_total),
    INDEX idx_inbox_done (done_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
