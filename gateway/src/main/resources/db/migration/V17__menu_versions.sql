-- Menu versions published live (POST /api/v1/admin/menus): every instance polls the active one and switches to it.
-- With no active row the menu bundled in the jar serves. `active` is TRUE for one row and NULL for the others, so
-- the unique key makes "at most one active version" the database's rule, even for two publishes at one moment.
CREATE TABLE menu_version (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    checksum     VARCHAR(80)  NOT NULL COMMENT 'sha256: and the first 12 hex digits of the YAML''s SHA-256',
    yaml         MEDIUMTEXT   NOT NULL,
    published_by VARCHAR(64)  NOT NULL COMMENT 'operator name @ source address',
    published_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    active       BOOLEAN      NULL COMMENT 'TRUE for the serving version, NULL for every other',
    UNIQUE KEY uq_menu_version_active (active)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
