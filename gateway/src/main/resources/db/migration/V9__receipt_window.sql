-- Receipts match a part by its SMSC message id only if it was submitted within a recency window (SMSC id
-- counters wrap, or restart from 1): the index serves both halves of that condition, so an id that recurs over
-- the years costs one index range, not a scan of every old part that once carried it.
ALTER TABLE outbox_sms_part
    DROP INDEX idx_part_smsc_id,
    ADD INDEX idx_part_smsc_id_submitted (smsc_message_id, submitted_at);
