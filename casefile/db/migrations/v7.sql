-- Schema version 6 -> 7: the trash indexes hold only trashed rows. A full index of a column
-- that is NULL for almost every row made SQLite's planner pick it for `trash_id IS NULL`
-- (every live-record query) and scan whole tables; a partial index cannot be used for that
-- and still serves the trash. Photos get an index for their default order.
-- Written once and never edited.

DROP INDEX ix_team_members_trash_id;
CREATE INDEX ix_team_members_trash_id ON team_members (trash_id) WHERE trash_id IS NOT NULL;
DROP INDEX ix_sources_trash_id;
CREATE INDEX ix_sources_trash_id ON sources (trash_id) WHERE trash_id IS NOT NULL;
DROP INDEX ix_interviews_trash_id;
CREATE INDEX ix_interviews_trash_id ON interviews (trash_id) WHERE trash_id IS NOT NULL;
DROP INDEX ix_drafts_trash_id;
CREATE INDEX ix_drafts_trash_id ON drafts (trash_id) WHERE trash_id IS NOT NULL;
DROP INDEX ix_tags_trash_id;
CREATE INDEX ix_tags_trash_id ON tags (trash_id) WHERE trash_id IS NOT NULL;
DROP INDEX ix_attachments_trash_id;
CREATE INDEX ix_attachments_trash_id ON attachments (trash_id) WHERE trash_id IS NOT NULL;
DROP INDEX ix_photos_trash_id;
CREATE INDEX ix_photos_trash_id ON photos (trash_id) WHERE trash_id IS NOT NULL;
DROP INDEX ix_documents_trash_id;
CREATE INDEX ix_documents_trash_id ON documents (trash_id) WHERE trash_id IS NOT NULL;
DROP INDEX ix_quotes_trash_id;
CREATE INDEX ix_quotes_trash_id ON quotes (trash_id) WHERE trash_id IS NOT NULL;
DROP INDEX ix_claims_trash_id;
CREATE INDEX ix_claims_trash_id ON claims (trash_id) WHERE trash_id IS NOT NULL;
DROP INDEX ix_comment_requests_trash_id;
CREATE INDEX ix_comment_requests_trash_id ON comment_requests (trash_id) WHERE trash_id IS NOT NULL;
DROP INDEX ix_excerpts_trash_id;
CREATE INDEX ix_excerpts_trash_id ON excerpts (trash_id) WHERE trash_id IS NOT NULL;
DROP INDEX ix_evidence_links_trash_id;
CREATE INDEX ix_evidence_links_trash_id ON evidence_links (trash_id) WHERE trash_id IS NOT NULL;
CREATE INDEX ix_photos_taken_at ON photos (taken_at, id);
