-- What an SMS answers, when that may be processed twice: `mo:<inbox id>` for the reply to an MO (and a
-- complaint's ticket SMS). An inbox row is marked done after its effects, so an instance dying in between
-- leaves it to be processed again; the second reply then finds this taken and is not queued. Unique; NULL
-- (any number of them) for everything else.
ALTER TABLE outbox_sms
    ADD COLUMN ref VARCHAR(64) NULL COMMENT 'mo:<inbox id> for the answer to an MO; unique',
    ADD UNIQUE INDEX uq_outbox_ref (ref);
