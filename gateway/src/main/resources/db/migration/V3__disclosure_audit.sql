-- Who saw what about whom. Residents have the right to ask who looked at their data (UU 27/2022 on
-- personal data protection); this table answers it. One row per disclosure decision, never updated or
-- deleted by the gateway: grant its database user only INSERT and SELECT on this table (README).
-- The NIK is stored as an HMAC (BETANG_NIK_HASH_KEY), never in clear: whoever holds the key can find a
-- resident's rows, whoever only has a copy of the table cannot.
CREATE TABLE disclosure_audit (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    at        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    nik_hash  CHAR(64)     NOT NULL,
    msisdn    VARCHAR(16)  NOT NULL COMMENT 'the phone that asked',
    agent_id  VARCHAR(64)  NULL     COMMENT 'set when that phone is a registered social worker',
    channel   VARCHAR(16)  NOT NULL COMMENT 'ussd-smpp, ussd-http, sms',
    subject   VARCHAR(16)  NOT NULL COMMENT 'STATUS, SCHEDULE, or IDENTITY (a birth-date check)',
    outcome   VARCHAR(24)  NOT NULL COMMENT 'SHOWN, SHOWN_CACHED, SENT_BY_SMS, NOT_FOUND, VERIFY_FAILED, LOCKED, LIMITED',
    INDEX idx_audit_nik (nik_hash, at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
