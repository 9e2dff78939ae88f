-- Webhook events from the registry already handled: the registry may deliver one more than once, and a
-- complainant should hear of each change once.
CREATE TABLE complaint_event (
    event_id    VARCHAR(100) NOT NULL PRIMARY KEY,
    ticket_id   CHAR(8)      NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    received_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    INDEX idx_event_ticket (ticket_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
