-- A complaint whose status has not changed for BETANG_COMPLAINT_QUIET_DAYS gets one SMS saying it is still being
-- handled and whom to ask, once per such period: when the last one went (NULL: none yet). Found along
-- (status, updated_at): open complaints, oldest change first.
ALTER TABLE complaint
    ADD COLUMN quiet_sms_at TIMESTAMP(3) NULL COMMENT 'when the last "still being handled" SMS was queued',
    ADD INDEX idx_complaint_quiet (status, updated_at);
