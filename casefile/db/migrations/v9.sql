-- Version 9: live-record counts kept by triggers, so a summary or a list's length reads
-- one small table instead of counting whole tables (casefile/db/record_counts.py). Each
-- trigger body ends in ';' inside BEGIN ... END: this file is split on complete statements.

CREATE TABLE record_counts (
	kind VARCHAR(32) NOT NULL, 
	live INTEGER NOT NULL, 
	CONSTRAINT pk_record_counts PRIMARY KEY (kind)
);

-- Filled once from the rows themselves; the triggers keep it from here on.
INSERT INTO record_counts (kind, live)
SELECT 'team_member', count(*) FROM team_members WHERE trash_id IS NULL
UNION ALL SELECT 'source', count(*) FROM sources WHERE trash_id IS NULL
UNION ALL SELECT 'interview', count(*) FROM interviews WHERE trash_id IS NULL
UNION ALL SELECT 'quote', count(*) FROM quotes WHERE trash_id IS NULL
UNION ALL SELECT 'document', count(*) FROM documents WHERE trash_id IS NULL
UNION ALL SELECT 'excerpt', count(*) FROM excerpts WHERE trash_id IS NULL
UNION ALL SELECT 'photo', count(*) FROM photos WHERE trash_id IS NULL
UNION ALL SELECT 'attachment', count(*) FROM attachments WHERE trash_id IS NULL
UNION ALL SELECT 'claim', count(*) FROM claims WHERE trash_id IS NULL
UNION ALL SELECT 'evidence_link', count(*) FROM evidence_links WHERE trash_id IS NULL
UNION ALL SELECT 'comment_request', count(*) FROM comment_requests WHERE trash_id IS NULL
UNION ALL SELECT 'draft', count(*) FROM drafts WHERE trash_id IS NULL
UNION ALL SELECT 'tag', count(*) FROM tags WHERE trash_id IS NULL
UNION ALL SELECT 'trash', count(*) FROM trash;

CREATE TRIGGER count_team_members_ai AFTER INSERT ON team_members WHEN new.trash_id IS NULL BEGIN UPDATE record_counts SET live = live + 1 WHERE kind = 'team_member'; END;
CREATE TRIGGER count_team_members_ad AFTER DELETE ON team_members WHEN old.trash_id IS NULL BEGIN UPDATE record_counts SET live = live - 1 WHERE kind = 'team_member'; END;
CREATE TRIGGER count_team_members_au AFTER UPDATE OF trash_id ON team_members WHEN (old.trash_id IS NULL) <> (new.trash_id IS NULL) BEGIN UPDATE record_counts SET live = live + CASE WHEN new.trash_id IS NULL THEN 1 ELSE -1 END WHERE kind = 'team_member'; END;
CREATE TRIGGER count_sources_ai AFTER INSERT ON sources WHEN new.trash_id IS NULL BEGIN UPDATE record_counts SET live = live + 1 WHERE kind = 'source'; END;
CREATE TRIGGER count_sources_ad AFTER DELETE ON sources WHEN old.trash_id IS NULL BEGIN UPDATE record_counts SET live = live - 1 WHERE kind = 'source'; END;
CREATE TRIGGER count_sources_au AFTER UPDATE OF trash_id ON sources WHEN (old.trash_id IS NULL) <> (new.trash_id IS NULL) BEGIN UPDATE record_counts SET live = live + CASE WHEN new.trash_id IS NULL THEN 1 ELSE -1 END WHERE kind = 'source'; END;
CREATE TRIGGER count_interviews_ai AFTER INSERT ON interviews WHEN new.trash_id IS NULL BEGIN UPDATE record_counts SET live = live + 1 WHERE kind = 'interview'; END;
CREATE TRIGGER count_interviews_ad AFTER DELETE ON interviews WHEN old.trash_id IS NULL BEGIN UPDATE record_counts SET live = live - 1 WHERE kind = 'interview'; END;
CREATE TRIGGER count_interviews_au AFTER UPDATE OF trash_id ON interviews WHEN (old.trash_id IS NULL) <> (new.trash_id IS NULL) BEGIN UPDATE record_counts SET live = live + CASE WHEN new.trash_id IS NULL THEN 1 ELSE -1 END WHERE kind = 'interview'; END;
CREATE TRIGGER count_quotes_ai AFTER INSERT ON quotes WHEN new.trash_id IS NULL BEGIN UPDATE record_counts SET live = live + 1 WHERE kind = 'quote'; END;
CREATE TRIGGER count_quotes_ad AFTER DELETE ON quotes WHEN old.trash_id IS NULL BEGIN UPDATE record_counts SET live = live - 1 WHERE kind = 'quote'; END;
CREATE TRIGGER count_quotes_au AFTER UPDATE OF trash_id ON quotes WHEN (old.trash_id IS NULL) <> (new.trash_id IS NULL) BEGIN UPDATE record_counts SET live = live + CASE WHEN new.trash_id IS NULL THEN 1 ELSE -1 END WHERE kind = 'quote'; END;
CREATE TRIGGER count_documents_ai AFTER INSERT ON documents WHEN new.trash_id IS NULL BEGIN UPDATE record_counts SET live = live + 1 WHERE kind = 'document'; END;
CREATE TRIGGER count_documents_ad AFTER DELETE ON documents WHEN old.trash_id IS NULL BEGIN UPDATE record_counts SET live = live - 1 WHERE kind = 'document'; END;
CREATE TRIGGER count_documents_au AFTER UPDATE OF trash_id ON documents WHEN (old.trash_id IS NULL) <> (new.trash_id IS NULL) BEGIN UPDATE record_counts SET live = live + CASE WHEN new.trash_id IS NULL THEN 1 ELSE -1 END WHERE kind = 'document'; END;
CREATE TRIGGER count_excerpts_ai AFTER INSERT ON excerpts WHEN new.trash_id IS NULL BEGIN UPDATE record_counts SET live = live + 1 WHERE kind = 'excerpt'; END;
CREATE TRIGGER count_excerpts_ad AFTER DELETE ON excerpts WHEN old.trash_id IS NULL BEGIN UPDATE record_counts SET live = live - 1 WHERE kind = 'excerpt'; END;
CREATE TRIGGER count_excerpts_au AFTER UPDATE OF trash_id ON excerpts WHEN (old.trash_id IS NULL) <> (new.trash_id IS NULL) BEGIN UPDATE record_counts SET live = live + CASE WHEN new.trash_id IS NULL THEN 1 ELSE -1 END WHERE kind = 'excerpt'; END;
CREATE TRIGGER count_photos_ai AFTER INSERT ON photos WHEN new.trash_id IS NULL BEGIN UPDATE record_counts SET live = live + 1 WHERE kind = 'photo'; END;
CREATE TRIGGER count_photos_ad AFTER DELETE ON photos WHEN old.trash_id IS NULL BEGIN UPDATE record_counts SET live = live - 1 WHERE kind = 'photo'; END;
CREATE TRIGGER count_photos_au AFTER UPDATE OF trash_id ON photos WHEN (old.trash_id IS NULL) <> (new.trash_id IS NULL) BEGIN UPDATE record_counts SET live = live + CASE WHEN new.trash_id IS NULL THEN 1 ELSE -1 END WHERE kind = 'photo'; END;
CREATE TRIGGER count_attachments_ai AFTER INSERT ON attachments WHEN new.trash_id IS NULL BEGIN UPDATE record_counts SET live = live + 1 WHERE kind = 'attachment'; END;
CREATE TRIGGER count_attachments_ad AFTER DELETE ON attachments WHEN old.trash_id IS NULL BEGIN UPDATE record_counts SET live = live - 1 WHERE kind = 'attachment'; END;
CREATE TRIGGER count_attachments_au AFTER UPDATE OF trash_id ON attachments WHEN (old.trash_id IS NULL) <> (new.trash_id IS NULL) BEGIN UPDATE record_counts SET live = live + CASE WHEN new.trash_id IS NULL THEN 1 ELSE -1 END WHERE kind = 'attachment'; END;
CREATE TRIGGER count_claims_ai AFTER INSERT ON claims WHEN new.trash_id IS NULL BEGIN UPDATE record_counts SET live = live + 1 WHERE kind = 'claim'; END;
CREATE TRIGGER count_claims_ad AFTER DELETE ON claims WHEN old.trash_id IS NULL BEGIN UPDATE record_counts SET live = live - 1 WHERE kind = 'claim'; END;
CREATE TRIGGER count_claims_au AFTER UPDATE OF trash_id ON claims WHEN (old.trash_id IS NULL) <> (new.trash_id IS NULL) BEGIN UPDATE record_counts SET live = live + CASE WHEN new.trash_id IS NULL THEN 1 ELSE -1 END WHERE kind = 'claim'; END;
CREATE TRIGGER count_evidence_links_ai AFTER INSERT ON evidence_links WHEN new.trash_id IS NULL BEGIN UPDATE record_counts SET live = live + 1 WHERE kind = 'evidence_link'; END;
CREATE TRIGGER count_evidence_links_ad AFTER DELETE ON evidence_links WHEN old.trash_id IS NULL BEGIN UPDATE record_counts SET live = live - 1 WHERE kind = 'evidence_link'; END;
CREATE TRIGGER count_evidence_links_au AFTER UPDATE OF trash_id ON evidence_links WHEN (old.trash_id IS NULL) <> (new.trash_id IS NULL) BEGIN UPDATE record_counts SET live = live + CASE WHEN new.trash_id IS NULL THEN 1 ELSE -1 END WHERE kind = 'evidence_link'; END;
CREATE TRIGGER count_comment_requests_ai AFTER INSERT ON comment_requests WHEN new.trash_id IS NULL BEGIN UPDATE record_counts SET live = live + 1 WHERE kind = 'comment_request'; END;
CREATE TRIGGER count_comment_requests_ad AFTER DELETE ON comment_requests WHEN old.trash_id IS NULL BEGIN UPDATE record_counts SET live = live - 1 WHERE kind = 'comment_request'; END;
CREATE TRIGGER count_comment_requests_au AFTER UPDATE OF trash_id ON comment_requests WHEN (old.trash_id IS NULL) <> (new.trash_id IS NULL) BEGIN UPDATE record_counts SET live = live + CASE WHEN new.trash_id IS NULL THEN 1 ELSE -1 END WHERE kind = 'comment_request'; END;
CREATE TRIGGER count_drafts_ai AFTER INSERT ON drafts WHEN new.trash_id IS NULL BEGIN UPDATE record_counts SET live = live + 1 WHERE kind = 'draft'; END;
CREATE TRIGGER count_drafts_ad AFTER DELETE ON drafts WHEN old.trash_id IS NULL BEGIN UPDATE record_counts SET live = live - 1 WHERE kind = 'draft'; END;
CREATE TRIGGER count_drafts_au AFTER UPDATE OF trash_id ON drafts WHEN (old.trash_id IS NULL) <> (new.trash_id IS NULL) BEGIN UPDATE record_counts SET live = live + CASE WHEN new.trash_id IS NULL THEN 1 ELSE -1 END WHERE kind = 'draft'; END;
CREATE TRIGGER count_tags_ai AFTER INSERT ON tags WHEN new.trash_id IS NULL BEGIN UPDATE record_counts SET live = live + 1 WHERE kind = 'tag'; END;
CREATE TRIGGER count_tags_ad AFTER DELETE ON tags WHEN old.trash_id IS NULL BEGIN UPDATE record_counts SET live = live - 1 WHERE kind = 'tag'; END;
CREATE TRIGGER count_tags_au AFTER UPDATE OF trash_id ON tags WHEN (old.trash_id IS NULL) <> (new.trash_id IS NULL) BEGIN UPDATE record_counts SET live = live + CASE WHEN new.trash_id IS NULL THEN 1 ELSE -1 END WHERE kind = 'tag'; END;
CREATE TRIGGER count_trash_ai AFTER INSERT ON trash BEGIN UPDATE record_counts SET live = live + 1 WHERE kind = 'trash'; END;
CREATE TRIGGER count_trash_ad AFTER DELETE ON trash BEGIN UPDATE record_counts SET live = live - 1 WHERE kind = 'trash'; END;
