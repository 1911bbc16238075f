-- Schema version 1 -> 2: claims, evidence links, requests for comment and drafts.
-- Written once and never edited: later changes go in later steps.

CREATE TABLE claims (
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL,
    statement TEXT NOT NULL,
    status VARCHAR(32) NOT NULL,
    checked_by_id INTEGER,
    checked_at VARCHAR(32),
    notes TEXT NOT NULL,
    trash_id INTEGER,
    CONSTRAINT pk_claims PRIMARY KEY (id),
    CONSTRAINT uq_claims_uuid UNIQUE (uuid),
    CONSTRAINT fk_claims_checked_by_id_team_members FOREIGN KEY(checked_by_id) REFERENCES team_members (id) ON DELETE SET NULL,
    CONSTRAINT fk_claims_trash_id_trash FOREIGN KEY(trash_id) REFERENCES trash (id)
);
CREATE INDEX ix_claims_checked_by_id ON claims (checked_by_id);
CREATE INDEX ix_claims_trash_id ON claims (trash_id);
CREATE TABLE evidence_links (
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL,
    claim_id INTEGER NOT NULL,
    relation VARCHAR(32) NOT NULL,
    note TEXT NOT NULL,
    quote_id INTEGER,
    excerpt_id INTEGER,
    photo_id INTEGER,
    document_id INTEGER,
    interview_id INTEGER,
    trash_id INTEGER,
    CONSTRAINT pk_evidence_links PRIMARY KEY (id),
    CONSTRAINT ck_evidence_links_one_target CHECK ((quote_id IS NOT NULL) + (excerpt_id IS NOT NULL) + (photo_id IS NOT NULL) + (document_id IS NOT NULL) + (interview_id IS NOT NULL) = 1),
    CONSTRAINT uq_evidence_links_uuid UNIQUE (uuid),
    CONSTRAINT fk_evidence_links_claim_id_claims FOREIGN KEY(claim_id) REFERENCES claims (id) ON DELETE CASCADE,
    CONSTRAINT fk_evidence_links_quote_id_quotes FOREIGN KEY(quote_id) REFERENCES quotes (id) ON DELETE CASCADE,
    CONSTRAINT fk_evidence_links_excerpt_id_excerpts FOREIGN KEY(excerpt_id) REFERENCES excerpts (id) ON DELETE CASCADE,
    CONSTRAINT fk_evidence_links_photo_id_photos FOREIGN KEY(photo_id) REFERENCES photos (id) ON DELETE CASCADE,
    CONSTRAINT fk_evidence_links_document_id_documents FOREIGN KEY(document_id) REFERENCES documents (id) ON DELETE CASCADE,
    CONSTRAINT fk_evidence_links_interview_id_interviews FOREIGN KEY(interview_id) REFERENCES interviews (id) ON DELETE CASCADE,
    CONSTRAINT fk_evidence_links_trash_id_trash FOREIGN KEY(trash_id) REFERENCES trash (id)
);
CREATE INDEX ix_evidence_links_claim_id ON evidence_links (claim_id);
CREATE INDEX ix_evidence_links_document_id ON evidence_links (document_id);
CREATE INDEX ix_evidence_links_excerpt_id ON evidence_links (excerpt_id);
CREATE INDEX ix_evidence_links_interview_id ON evidence_links (interview_id);
CREATE INDEX ix_evidence_links_photo_id ON evidence_links (photo_id);
CREATE INDEX ix_evidence_links_quote_id ON evidence_links (quote_id);
CREATE INDEX ix_evidence_links_trash_id ON evidence_links (trash_id);
CREATE TABLE comment_requests (
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL,
    source_id INTEGER NOT NULL,
    subject TEXT NOT NULL,
    asked_at VARCHAR(32),
    channel TEXT NOT NULL,
    deadline VARCHAR(32),
    status VARCHAR(32) NOT NULL,
    answer_text TEXT NOT NULL,
    answered_at VARCHAR(32),
    notes TEXT NOT NULL,
    trash_id INTEGER,
    CONSTRAINT pk_comment_requests PRIMARY KEY (id),
    CONSTRAINT uq_comment_requests_uuid UNIQUE (uuid),
    CONSTRAINT fk_comment_requests_source_id_sources FOREIGN KEY(source_id) REFERENCES sources (id),
    CONSTRAINT fk_comment_requests_trash_id_trash FOREIGN KEY(trash_id) REFERENCES trash (id)
);
CREATE INDEX ix_comment_requests_source_id ON comment_requests (source_id);
CREATE INDEX ix_comment_requests_trash_id ON comment_requests (trash_id);
CREATE TABLE comment_request_claims (
    request_id INTEGER NOT NULL,
    claim_id INTEGER NOT NULL,
    CONSTRAINT pk_comment_request_claims PRIMARY KEY (request_id, claim_id),
    CONSTRAINT fk_comment_request_claims_request_id_comment_requests FOREIGN KEY(request_id) REFERENCES comment_requests (id) ON DELETE CASCADE,
    CONSTRAINT fk_comment_request_claims_claim_id_claims FOREIGN KEY(claim_id) REFERENCES claims (id) ON DELETE CASCADE
);
CREATE TABLE drafts (
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL,
    headline TEXT NOT NULL,
    dek TEXT NOT NULL,
    dateline_place TEXT NOT NULL,
    dateline_country TEXT NOT NULL,
    body TEXT NOT NULL,
    contributor_line TEXT NOT NULL,
    status VARCHAR(32) NOT NULL,
    trash_id INTEGER,
    CONSTRAINT pk_drafts PRIMARY KEY (id),
    CONSTRAINT uq_drafts_uuid UNIQUE (uuid),
    CONSTRAINT fk_drafts_trash_id_trash FOREIGN KEY(trash_id) REFERENCES trash (id)
);
CREATE INDEX ix_drafts_trash_id ON drafts (trash_id);
CREATE TABLE draft_byline (
    draft_id INTEGER NOT NULL,
    team_member_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    CONSTRAINT pk_draft_byline PRIMARY KEY (draft_id, team_member_id),
    CONSTRAINT fk_draft_byline_draft_id_drafts FOREIGN KEY(draft_id) REFERENCES drafts (id) ON DELETE CASCADE,
    CONSTRAINT fk_draft_byline_team_member_id_team_members FOREIGN KEY(team_member_id) REFERENCES team_members (id) ON DELETE CASCADE
);
