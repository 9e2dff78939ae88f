-- A USSD step can arrive twice (an aggregator's HTTP retry, a redelivered PDU): the filing key names the
-- dialogue and what it files, so the repeat finds the first complaint instead of filing a second one.
-- Numbered 10.1 to stay clear of other 10.x/11 migrations being written at the same time.
ALTER TABLE complaint
    ADD COLUMN filing_key CHAR(64) NULL COMMENT 'SHA-256 of the USSD dialogue and its filing; NULL for SMS',
    ADD UNIQUE INDEX uq_complaint_filing_key (filing_key);
