-- Schema version 3 -> 4: saved draft versions, the reporter's attribution override on claims,
-- and the case's house style. Written once and never edited.

CREATE TABLE draft_versions (
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL,
    draft_id INTEGER NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT NOT NULL,
    snapshot JSON NOT NULL,
    CONSTRAINT pk_draft_versions PRIMARY KEY (id),
    CONSTRAINT uq_draft_versions_uuid UNIQUE (uuid),
    CONSTRAINT fk_draft_versions_draft_id_drafts FOREIGN KEY(draft_id) REFERENCES drafts (id) ON DELETE CASCADE
);
CREATE INDEX ix_draft_versions_draft_id ON draft_versions (draft_id);
ALTER TABLE claims ADD COLUMN attribution_override TEXT DEFAULT '' NOT NULL;
ALTER TABLE case_info ADD COLUMN house_style JSON DEFAULT '{}' NOT NULL;
