-- A phone's language is any code the menu declares (data only, issue 20), not only two letters: bjn, and
-- whatever a menu adds later (ISO 639-3 or a BCP 47 tag). Widened in place, no data changes.
ALTER TABLE sms_subscriber MODIFY lang VARCHAR(12) NULL;
ALTER TABLE reminder MODIFY lang VARCHAR(12) NOT NULL;
