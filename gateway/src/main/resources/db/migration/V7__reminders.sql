-- Residents who asked (INGATKAN <NIK>) for an SMS the day before each disbursement, and the reminders sent,
-- so that every instance may run the check and each reminder still goes out once.
CREATE TABLE reminder (
    msisdn      VARCHAR(16)  NOT NULL,
    nik         CHAR(16)     NOT NULL,
    lang        CHAR(2)      NOT NULL,
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (msisdn, nik)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE reminder_sent (
    msisdn      VARCHAR(16)  NOT NULL,
    nik         CHAR(16)     NOT NULL,
    program     VARCHAR(32)  NOT NULL,
    on_date     DATE         NOT NULL,
    sent_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (msisdn, nik, program, on_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
