-- What operators did through the console or the admin CLI: who (the name they gave and where from: the API token
-- is shared, the name and address are not), when, what to which row, and what came of it. Kept, never purged.
-- Append-only by grant, not by trigger (a trigger needs SUPER on MySQL 8 with binary logging): the gateway's
-- database user gets INSERT and SELECT on this table and nothing more (README, "Operations").
CREATE TABLE operator_action (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    at        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    operator  VARCHAR(64)  NOT NULL COMMENT 'name given at login or --operator, then @ and the source address',
    action    VARCHAR(32)  NOT NULL COMMENT 'sms.requeue, complaint.retry, console.login',
    target    VARCHAR(64)  NOT NULL COMMENT 'outbox id or ticket id',
    outcome   VARCHAR(32)  NOT NULL COMMENT 'done, or why nothing was done (not-failed, not-attention, unknown)',
    INDEX idx_operator_action_at (at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
