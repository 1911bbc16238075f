-- Schema version 10 -> 11: every record counts its changes and says who made the last one
-- (issue 18: the foundation for merging copies of a case record by record). Each table of
-- records (and the case's own row) gains a version counter, the moment of its last change,
-- its author (the team member or local user) and the device it was made on (a random id of
-- the installation, casefile/device.py). Written once and never edited.
--
-- Existing records start at version 1, changed when they were last updated, by the case's
-- creator (the author of the first "create" line of the audit log; '' if the log has none),
-- on no known device.
--
-- The search triggers that fire on any UPDATE are dropped first: filling the new columns
-- changes nothing the index holds, and they are made again after the last step
-- (casefile/db/upgrade.py), so the index is not rewritten row by row.

DROP TRIGGER IF EXISTS fts_sources_au;
DROP TRIGGER IF EXISTS fts_team_members_au;
DROP TRIGGER IF EXISTS fts_interviews_au;
DROP TRIGGER IF EXISTS fts_quotes_au;
DROP TRIGGER IF EXISTS fts_documents_au;
DROP TRIGGER IF EXISTS fts_excerpts_au;
DROP TRIGGER IF EXISTS fts_photos_au;
DROP TRIGGER IF EXISTS fts_claims_au;
DROP TRIGGER IF EXISTS fts_comment_requests_au;
DROP TRIGGER IF EXISTS fts_drafts_au;
DROP TRIGGER IF EXISTS fts_attachments_au;

ALTER TABLE case_info ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE case_info ADD COLUMN changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL;
ALTER TABLE case_info ADD COLUMN changed_by TEXT DEFAULT '' NOT NULL;
ALTER TABLE case_info ADD COLUMN changed_device TEXT DEFAULT '' NOT NULL;
UPDATE case_info SET changed_at = updated_at, changed_by = coalesce((SELECT actor FROM audit_log WHERE action = 'create' ORDER BY at, id LIMIT 1), '');

ALTER TABLE team_members ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE team_members ADD COLUMN changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL;
ALTER TABLE team_members ADD COLUMN changed_by TEXT DEFAULT '' NOT NULL;
ALTER TABLE team_members ADD COLUMN changed_device TEXT DEFAULT '' NOT NULL;
UPDATE team_members SET changed_at = updated_at, changed_by = coalesce((SELECT actor FROM audit_log WHERE action = 'create' ORDER BY at, id LIMIT 1), '');

ALTER TABLE sources ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE sources ADD COLUMN changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL;
ALTER TABLE sources ADD COLUMN changed_by TEXT DEFAULT '' NOT NULL;
ALTER TABLE sources ADD COLUMN changed_device TEXT DEFAULT '' NOT NULL;
UPDATE sources SET changed_at = updated_at, changed_by = coalesce((SELECT actor FROM audit_log WHERE action = 'create' ORDER BY at, id LIMIT 1), '');

ALTER TABLE interviews ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE interviews ADD COLUMN changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL;
ALTER TABLE interviews ADD COLUMN changed_by TEXT DEFAULT '' NOT NULL;
ALTER TABLE interviews ADD COLUMN changed_device TEXT DEFAULT '' NOT NULL;
UPDATE interviews SET changed_at = updated_at, changed_by = coalesce((SELECT actor FROM audit_log WHERE action = 'create' ORDER BY at, id LIMIT 1), '');

ALTER TABLE quotes ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE quotes ADD COLUMN changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL;
ALTER TABLE quotes ADD COLUMN changed_by TEXT DEFAULT '' NOT NULL;
ALTER TABLE quotes ADD COLUMN changed_device TEXT DEFAULT '' NOT NULL;
UPDATE quotes SET changed_at = updated_at, changed_by = coalesce((SELECT actor FROM audit_log WHERE action = 'create' ORDER BY at, id LIMIT 1), '');

ALTER TABLE attachments ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE attachments ADD COLUMN changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL;
ALTER TABLE attachments ADD COLUMN changed_by TEXT DEFAULT '' NOT NULL;
ALTER TABLE attachments ADD COLUMN changed_device TEXT DEFAULT '' NOT NULL;
UPDATE attachments SET changed_at = updated_at, changed_by = coalesce((SELECT actor FROM audit_log WHERE action = 'create' ORDER BY at, id LIMIT 1), '');

ALTER TABLE documents ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE documents ADD COLUMN changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL;
ALTER TABLE documents ADD COLUMN changed_by TEXT DEFAULT '' NOT NULL;
ALTER TABLE documents ADD COLUMN changed_device TEXT DEFAULT '' NOT NULL;
UPDATE documents SET changed_at = updated_at, changed_by = coalesce((SELECT actor FROM audit_log WHERE action = 'create' ORDER BY at, id LIMIT 1), '');

ALTER TABLE excerpts ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE excerpts ADD COLUMN changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL;
ALTER TABLE excerpts ADD COLUMN changed_by TEXT DEFAULT '' NOT NULL;
ALTER TABLE excerpts ADD COLUMN changed_device TEXT DEFAULT '' NOT NULL;
UPDATE excerpts SET changed_at = updated_at, changed_by = coalesce((SELECT actor FROM audit_log WHERE action = 'create' ORDER BY at, id LIMIT 1), '');

ALTER TABLE photos ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE photos ADD COLUMN changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL;
ALTER TABLE photos ADD COLUMN changed_by TEXT DEFAULT '' NOT NULL;
ALTER TABLE photos ADD COLUMN changed_device TEXT DEFAULT '' NOT NULL;
UPDATE photos SET changed_at = updated_at, changed_by = coalesce((SELECT actor FROM audit_log WHERE action = 'create' ORDER BY at, id LIMIT 1), '');

ALTER TABLE claims ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE claims ADD COLUMN changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL;
ALTER TABLE claims ADD COLUMN changed_by TEXT DEFAULT '' NOT NULL;
ALTER TABLE claims ADD COLUMN changed_device TEXT DEFAULT '' NOT NULL;
UPDATE claims SET changed_at = updated_at, changed_by = coalesce((SELECT actor FROM audit_log WHERE action = 'create' ORDER BY at, id LIMIT 1), '');

ALTER TABLE evidence_links ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE evidence_links ADD COLUMN changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL;
ALTER TABLE evidence_links ADD COLUMN changed_by TEXT DEFAULT '' NOT NULL;
ALTER TABLE evidence_links ADD COLUMN changed_device TEXT DEFAULT '' NOT NULL;
UPDATE evidence_links SET changed_at = updated_at, changed_by = coalesce((SELECT actor FROM audit_log WHERE action = 'create' ORDER BY at, id LIMIT 1), '');

ALTER TABLE comment_requests ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE comment_requests ADD COLUMN changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL;
ALTER TABLE comment_requests ADD COLUMN changed_by TEXT DEFAULT '' NOT NULL;
ALTER TABLE comment_requests ADD COLUMN changed_device TEXT DEFAULT '' NOT NULL;
UPDATE comment_requests SET changed_at = updated_at, changed_by = coalesce((SELECT actor FROM audit_log WHERE action = 'create' ORDER BY at, id LIMIT 1), '');

ALTER TABLE drafts ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE drafts ADD COLUMN changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL;
ALTER TABLE drafts ADD COLUMN changed_by TEXT DEFAULT '' NOT NULL;
ALTER TABLE drafts ADD COLUMN changed_device TEXT DEFAULT '' NOT NULL;
UPDATE drafts SET changed_at = updated_at, changed_by = coalesce((SELECT actor FROM audit_log WHERE action = 'create' ORDER BY at, id LIMIT 1), '');

ALTER TABLE draft_versions ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE draft_versions ADD COLUMN changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL;
ALTER TABLE draft_versions ADD COLUMN changed_by TEXT DEFAULT '' NOT NULL;
ALTER TABLE draft_versions ADD COLUMN changed_device TEXT DEFAULT '' NOT NULL;
UPDATE draft_versions SET changed_at = updated_at, changed_by = coalesce((SELECT actor FROM audit_log WHERE action = 'create' ORDER BY at, id LIMIT 1), '');

ALTER TABLE review_comments ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE review_comments ADD COLUMN changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL;
ALTER TABLE review_comments ADD COLUMN changed_by TEXT DEFAULT '' NOT NULL;
ALTER TABLE review_comments ADD COLUMN changed_device TEXT DEFAULT '' NOT NULL;
UPDATE review_comments SET changed_at = updated_at, changed_by = coalesce((SELECT actor FROM audit_log WHERE action = 'create' ORDER BY at, id LIMIT 1), '');

ALTER TABLE tags ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE tags ADD COLUMN changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL;
ALTER TABLE tags ADD COLUMN changed_by TEXT DEFAULT '' NOT NULL;
ALTER TABLE tags ADD COLUMN changed_device TEXT DEFAULT '' NOT NULL;
UPDATE tags SET changed_at = updated_at, changed_by = coalesce((SELECT actor FROM audit_log WHERE action = 'create' ORDER BY at, id LIMIT 1), '');
