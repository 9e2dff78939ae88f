-- What a phone asked of the SMS service: its language, and whether it opted out of non-essential SMS
-- (reminders, news; never ticket updates or replies to its own requests).
CREATE TABLE sms_subscriber (
    msisdn        VARCHAR(16)  NOT NULL PRIMARY KEY,
    lang          CHAR(2)      NULL,
    opted_out_at  TIMESTAMP(3) NULL,
    updated_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
