-- Personal data at rest expires (BETANG_RETENTION_DAYS): the retention job walks each table by age, a bounded
-- batch per statement. These indexes let every batch read only rows past the cutoff, so it locks nothing that
-- senders, receipts or sign-ups touch. None of these columns ever changes, so claims and receipts never
-- rewrite the indexes.
ALTER TABLE outbox_sms ADD INDEX idx_outbox_created (created_at);
ALTER TABLE outbox_sms_part ADD INDEX idx_part_submitted (submitted_at);
ALTER TABLE sms_receipt_unmatched ADD INDEX idx_unmatched_received (received_at);
ALTER TABLE reminder_sent ADD INDEX idx_reminder_sent_date (on_date);
