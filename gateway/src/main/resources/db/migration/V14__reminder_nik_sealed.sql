-- Reminder sign-ups no longer hold the NIK in clear (issue 17, DESIGN.md "Personal data at rest"): the keyed hash
-- (BETANG_NIK_HASH_KEY) identifies it, and the NIK itself, which the gateway needs to ask the registry at each
-- send, is sealed (AES-GCM, a key derived from the same secret). Rows signed up before this are sealed by the
-- gateway when it starts (their clear `nik` is then emptied); new rows never fill it.
-- A sign-up ends (ended_at, and why) when its phone may no longer see the household's schedule; its sealed NIK
-- is dropped then, the hash stays for the record.
ALTER TABLE reminder
    DROP PRIMARY KEY,
    ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST,
    ADD COLUMN nik_hash CHAR(64) NULL AFTER msisdn,
    ADD COLUMN nik_sealed VARCHAR(96) NULL AFTER nik_hash,
    MODIFY nik CHAR(16) NULL COMMENT 'only in rows from before V14, until the gateway seals them',
    ADD COLUMN ended_at TIMESTAMP(3) NULL,
    ADD COLUMN ended_why VARCHAR(16) NULL COMMENT 'NOT_HOUSEHOLD, NOT_FOUND',
    ADD UNIQUE KEY uq_reminder_phone_nik (msisdn, nik_hash);

ALTER TABLE reminder_sent CHANGE nik nik_hash CHAR(64) NOT NULL;
