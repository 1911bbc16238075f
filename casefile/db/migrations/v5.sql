-- Schema version 4 -> 5: editors' comments read back from reviewed Word drafts.
-- Written once and never edited.

CREATE TABLE review_comments (
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL,
    draft_id INTEGER NOT NULL,
    claim_id INTEGER,
    author TEXT NOT NULL,
    written_at TEXT NOT NULL,
    text TEXT NOT NULL,
    anchored_text TEXT NOT NULL,
    source_file TEXT NOT NULL,
    version_uuid TEXT NOT NULL,
    CONSTRAINT pk_review_comments PRIMARY KEY (id),
    CONSTRAINT uq_review_comments_uuid UNIQUE (uuid),
    CONSTRAINT fk_review_comments_draft_id_drafts FOREIGN KEY(draft_id) REFERENCES drafts (id) ON DELETE CASCADE,
    CONSTRAINT fk_review_comments_claim_id_claims FOREIGN KEY(claim_id) REFERENCES claims (id) ON DELETE SET NULL
);
CREATE INDEX ix_review_comments_claim_id ON review_comments (claim_id);
CREATE INDEX ix_review_comments_draft_id ON review_comments (draft_id);
