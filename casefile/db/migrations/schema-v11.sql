-- Schema version 11 exactly as Casefile wrote it: every CREATE statement of a version-11
-- case file, in order (read from a new file made by the version-11 release, commit 90f2a1e;
-- the step to 11 gave every record a version and its last change). Frozen: never edit. See
-- casefile/db/schema_guard.py.

CREATE TABLE case_info (
	version INTEGER DEFAULT 1 NOT NULL, 
	changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL, 
	changed_by TEXT DEFAULT '' NOT NULL, 
	changed_device TEXT DEFAULT '' NOT NULL, 
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	title TEXT NOT NULL, 
	slug TEXT NOT NULL, 
	summary TEXT NOT NULL, 
	language TEXT NOT NULL, 
	desk TEXT NOT NULL, 
	house_style JSON DEFAULT '{}' NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	CONSTRAINT pk_case_info PRIMARY KEY (id), 
	CONSTRAINT uq_case_info_uuid UNIQUE (uuid)
);

CREATE TABLE blobs (
	id INTEGER NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	size INTEGER NOT NULL, 
	media_type TEXT NOT NULL, 
	data BLOB NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	CONSTRAINT pk_blobs PRIMARY KEY (id), 
	CONSTRAINT uq_blobs_sha256 UNIQUE (sha256)
);

CREATE TABLE record_counts (
	kind VARCHAR(32) NOT NULL, 
	live INTEGER NOT NULL, 
	CONSTRAINT pk_record_counts PRIMARY KEY (kind)
);

CREATE TABLE audit_log (
	id INTEGER NOT NULL, 
	at VARCHAR(32) NOT NULL, 
	actor TEXT NOT NULL, 
	action VARCHAR(16) NOT NULL, 
	record_kind VARCHAR(32) NOT NULL, 
	record_uuid VARCHAR(36), 
	summary TEXT NOT NULL, 
	changes JSON NOT NULL, 
	CONSTRAINT pk_audit_log PRIMARY KEY (id)
);

CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_record_uuid ON audit_log (record_uuid);
CREATE TABLE trash (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	deleted_at VARCHAR(32) NOT NULL, 
	actor TEXT NOT NULL, 
	record_kind VARCHAR(32) NOT NULL, 
	record_uuid VARCHAR(36) NOT NULL, 
	label TEXT NOT NULL, 
	item_count INTEGER NOT NULL, 
	CONSTRAINT pk_trash PRIMARY KEY (id), 
	CONSTRAINT uq_trash_uuid UNIQUE (uuid)
);

CREATE TABLE team_members (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL, 
	changed_by TEXT DEFAULT '' NOT NULL, 
	changed_device TEXT DEFAULT '' NOT NULL, 
	name TEXT NOT NULL, 
	role VARCHAR(32) NOT NULL, 
	base_city TEXT NOT NULL, 
	email TEXT NOT NULL, 
	outlet TEXT DEFAULT '' NOT NULL, 
	notes TEXT NOT NULL, 
	byline_position INTEGER, 
	trash_id INTEGER, 
	CONSTRAINT pk_team_members PRIMARY KEY (id), 
	CONSTRAINT uq_team_members_uuid UNIQUE (uuid), 
	CONSTRAINT fk_team_members_trash_id_trash FOREIGN KEY(trash_id) REFERENCES trash (id)
);

CREATE INDEX ix_team_members_trash_id ON team_members (trash_id) WHERE trash_id IS NOT NULL;
CREATE TABLE sources (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL, 
	changed_by TEXT DEFAULT '' NOT NULL, 
	changed_device TEXT DEFAULT '' NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	name TEXT NOT NULL, 
	role_title TEXT NOT NULL, 
	affiliation TEXT NOT NULL, 
	contacts JSON NOT NULL, 
	location TEXT NOT NULL, 
	languages JSON NOT NULL, 
	notes TEXT NOT NULL, 
	ground_rules VARCHAR(32) NOT NULL, 
	attribution_phrase TEXT NOT NULL, 
	short_name TEXT NOT NULL, 
	article VARCHAR(32) DEFAULT 'auto' NOT NULL, 
	role_form VARCHAR(32) DEFAULT 'auto' NOT NULL, 
	trash_id INTEGER, 
	CONSTRAINT pk_sources PRIMARY KEY (id), 
	CONSTRAINT uq_sources_uuid UNIQUE (uuid), 
	CONSTRAINT fk_sources_trash_id_trash FOREIGN KEY(trash_id) REFERENCES trash (id)
);

CREATE INDEX ix_sources_trash_id ON sources (trash_id) WHERE trash_id IS NOT NULL;
CREATE TABLE thumbnails (
	blob_id INTEGER NOT NULL, 
	max_side INTEGER NOT NULL, 
	width INTEGER NOT NULL, 
	height INTEGER NOT NULL, 
	data BLOB NOT NULL, 
	CONSTRAINT pk_thumbnails PRIMARY KEY (blob_id, max_side), 
	CONSTRAINT fk_thumbnails_blob_id_blobs FOREIGN KEY(blob_id) REFERENCES blobs (id) ON DELETE CASCADE
);

CREATE TABLE interviews (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL, 
	changed_by TEXT DEFAULT '' NOT NULL, 
	changed_device TEXT DEFAULT '' NOT NULL, 
	title TEXT NOT NULL, 
	held_at VARCHAR(32), 
	place_name TEXT NOT NULL, 
	place_lat DOUBLE, 
	place_lon DOUBLE, 
	medium VARCHAR(32) NOT NULL, 
	language TEXT NOT NULL, 
	interpreter TEXT NOT NULL, 
	ground_rules VARCHAR(32) NOT NULL, 
	transcript TEXT NOT NULL, 
	notes TEXT NOT NULL, 
	trash_id INTEGER, 
	CONSTRAINT pk_interviews PRIMARY KEY (id), 
	CONSTRAINT uq_interviews_uuid UNIQUE (uuid), 
	CONSTRAINT fk_interviews_trash_id_trash FOREIGN KEY(trash_id) REFERENCES trash (id)
);

CREATE INDEX ix_interviews_trash_id ON interviews (trash_id) WHERE trash_id IS NOT NULL;
CREATE TABLE drafts (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL, 
	changed_by TEXT DEFAULT '' NOT NULL, 
	changed_device TEXT DEFAULT '' NOT NULL, 
	headline TEXT NOT NULL, 
	dek TEXT NOT NULL, 
	dateline_place TEXT NOT NULL, 
	dateline_country TEXT NOT NULL, 
	body TEXT NOT NULL, 
	contributor_line TEXT NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	published_on VARCHAR(10), 
	author_tagline TEXT DEFAULT '' NOT NULL, 
	trash_id INTEGER, 
	CONSTRAINT pk_drafts PRIMARY KEY (id), 
	CONSTRAINT uq_drafts_uuid UNIQUE (uuid), 
	CONSTRAINT fk_drafts_trash_id_trash FOREIGN KEY(trash_id) REFERENCES trash (id)
);

CREATE INDEX ix_drafts_trash_id ON drafts (trash_id) WHERE trash_id IS NOT NULL;
CREATE TABLE tags (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL, 
	changed_by TEXT DEFAULT '' NOT NULL, 
	changed_device TEXT DEFAULT '' NOT NULL, 
	name TEXT NOT NULL, 
	color TEXT NOT NULL, 
	trash_id INTEGER, 
	CONSTRAINT pk_tags PRIMARY KEY (id), 
	CONSTRAINT uq_tags_uuid UNIQUE (uuid), 
	CONSTRAINT uq_tags_name UNIQUE (name), 
	CONSTRAINT fk_tags_trash_id_trash FOREIGN KEY(trash_id) REFERENCES trash (id)
);

CREATE INDEX ix_tags_trash_id ON tags (trash_id) WHERE trash_id IS NOT NULL;
CREATE TABLE attachments (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL, 
	changed_by TEXT DEFAULT '' NOT NULL, 
	changed_device TEXT DEFAULT '' NOT NULL, 
	interview_id INTEGER NOT NULL, 
	blob_id INTEGER NOT NULL, 
	file_name TEXT NOT NULL, 
	description TEXT NOT NULL, 
	trash_id INTEGER, 
	CONSTRAINT pk_attachments PRIMARY KEY (id), 
	CONSTRAINT uq_attachments_uuid UNIQUE (uuid), 
	CONSTRAINT fk_attachments_interview_id_interviews FOREIGN KEY(interview_id) REFERENCES interviews (id) ON DELETE CASCADE, 
	CONSTRAINT fk_attachments_blob_id_blobs FOREIGN KEY(blob_id) REFERENCES blobs (id), 
	CONSTRAINT fk_attachments_trash_id_trash FOREIGN KEY(trash_id) REFERENCES trash (id)
);

CREATE INDEX ix_attachments_blob_id ON attachments (blob_id);
CREATE INDEX ix_attachments_interview_id ON attachments (interview_id);
CREATE INDEX ix_attachments_trash_id ON attachments (trash_id) WHERE trash_id IS NOT NULL;
CREATE TABLE photos (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL, 
	changed_by TEXT DEFAULT '' NOT NULL, 
	changed_device TEXT DEFAULT '' NOT NULL, 
	blob_id INTEGER NOT NULL, 
	file_name TEXT NOT NULL, 
	caption TEXT NOT NULL, 
	credit_member_id INTEGER, 
	credit_source_id INTEGER, 
	taken_at VARCHAR(32), 
	gps_lat DOUBLE, 
	gps_lon DOUBLE, 
	gps_alt DOUBLE, 
	camera_make TEXT NOT NULL, 
	camera_model TEXT NOT NULL, 
	lens TEXT NOT NULL, 
	width INTEGER, 
	height INTEGER, 
	orientation INTEGER, 
	place_name TEXT NOT NULL, 
	rights_note TEXT NOT NULL, 
	exif JSON NOT NULL, 
	trash_id INTEGER, 
	CONSTRAINT pk_photos PRIMARY KEY (id), 
	CONSTRAINT uq_photos_uuid UNIQUE (uuid), 
	CONSTRAINT fk_photos_blob_id_blobs FOREIGN KEY(blob_id) REFERENCES blobs (id), 
	CONSTRAINT fk_photos_credit_member_id_team_members FOREIGN KEY(credit_member_id) REFERENCES team_members (id) ON DELETE SET NULL, 
	CONSTRAINT fk_photos_credit_source_id_sources FOREIGN KEY(credit_source_id) REFERENCES sources (id) ON DELETE SET NULL, 
	CONSTRAINT fk_photos_trash_id_trash FOREIGN KEY(trash_id) REFERENCES trash (id)
);

CREATE INDEX ix_photos_trash_id ON photos (trash_id) WHERE trash_id IS NOT NULL;
CREATE INDEX ix_photos_taken_at ON photos (taken_at, id);
CREATE INDEX ix_photos_credit_member_id ON photos (credit_member_id);
CREATE INDEX ix_photos_credit_source_id ON photos (credit_source_id);
CREATE INDEX ix_photos_blob_id ON photos (blob_id);
CREATE TABLE documents (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL, 
	changed_by TEXT DEFAULT '' NOT NULL, 
	changed_device TEXT DEFAULT '' NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	title TEXT NOT NULL, 
	authors JSON NOT NULL, 
	publisher TEXT NOT NULL, 
	publisher_source_id INTEGER, 
	issued TEXT NOT NULL, 
	url TEXT NOT NULL, 
	accessed TEXT NOT NULL, 
	identifier TEXT NOT NULL, 
	language TEXT NOT NULL, 
	notes TEXT NOT NULL, 
	file_blob_id INTEGER, 
	file_name TEXT NOT NULL, 
	page_count INTEGER, 
	container_title TEXT DEFAULT '' NOT NULL, 
	csl_extra JSON DEFAULT '{}' NOT NULL, 
	trash_id INTEGER, 
	CONSTRAINT pk_documents PRIMARY KEY (id), 
	CONSTRAINT uq_documents_uuid UNIQUE (uuid), 
	CONSTRAINT fk_documents_publisher_source_id_sources FOREIGN KEY(publisher_source_id) REFERENCES sources (id) ON DELETE SET NULL, 
	CONSTRAINT fk_documents_file_blob_id_blobs FOREIGN KEY(file_blob_id) REFERENCES blobs (id), 
	CONSTRAINT fk_documents_trash_id_trash FOREIGN KEY(trash_id) REFERENCES trash (id)
);

CREATE INDEX ix_documents_trash_id ON documents (trash_id) WHERE trash_id IS NOT NULL;
CREATE INDEX ix_documents_file_blob_id ON documents (file_blob_id);
CREATE INDEX ix_documents_publisher_source_id ON documents (publisher_source_id);
CREATE TABLE interview_interviewees (
	interview_id INTEGER NOT NULL, 
	source_id INTEGER NOT NULL, 
	CONSTRAINT pk_interview_interviewees PRIMARY KEY (interview_id, source_id), 
	CONSTRAINT fk_interview_interviewees_interview_id_interviews FOREIGN KEY(interview_id) REFERENCES interviews (id) ON DELETE CASCADE, 
	CONSTRAINT fk_interview_interviewees_source_id_sources FOREIGN KEY(source_id) REFERENCES sources (id) ON DELETE CASCADE
);

CREATE TABLE interview_interviewers (
	interview_id INTEGER NOT NULL, 
	team_member_id INTEGER NOT NULL, 
	CONSTRAINT pk_interview_interviewers PRIMARY KEY (interview_id, team_member_id), 
	CONSTRAINT fk_interview_interviewers_interview_id_interviews FOREIGN KEY(interview_id) REFERENCES interviews (id) ON DELETE CASCADE, 
	CONSTRAINT fk_interview_interviewers_team_member_id_team_members FOREIGN KEY(team_member_id) REFERENCES team_members (id) ON DELETE CASCADE
);

CREATE TABLE quotes (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL, 
	changed_by TEXT DEFAULT '' NOT NULL, 
	changed_device TEXT DEFAULT '' NOT NULL, 
	interview_id INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	span_start INTEGER NOT NULL, 
	span_end INTEGER NOT NULL, 
	audio_offset_ms INTEGER, 
	speaker_id INTEGER, 
	ground_rules VARCHAR(32), 
	translation TEXT NOT NULL, 
	original_text TEXT NOT NULL, 
	original_language TEXT NOT NULL, 
	notes TEXT NOT NULL, 
	published_text TEXT DEFAULT '' NOT NULL, 
	published_accepted TEXT DEFAULT '' NOT NULL, 
	trash_id INTEGER, 
	CONSTRAINT pk_quotes PRIMARY KEY (id), 
	CONSTRAINT uq_quotes_uuid UNIQUE (uuid), 
	CONSTRAINT fk_quotes_interview_id_interviews FOREIGN KEY(interview_id) REFERENCES interviews (id) ON DELETE CASCADE, 
	CONSTRAINT fk_quotes_speaker_id_sources FOREIGN KEY(speaker_id) REFERENCES sources (id) ON DELETE SET NULL, 
	CONSTRAINT fk_quotes_trash_id_trash FOREIGN KEY(trash_id) REFERENCES trash (id)
);

CREATE INDEX ix_quotes_speaker_id ON quotes (speaker_id);
CREATE INDEX ix_quotes_trash_id ON quotes (trash_id) WHERE trash_id IS NOT NULL;
CREATE INDEX ix_quotes_interview_id ON quotes (interview_id);
CREATE TABLE claims (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL, 
	changed_by TEXT DEFAULT '' NOT NULL, 
	changed_device TEXT DEFAULT '' NOT NULL, 
	statement TEXT NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	checked_by_id INTEGER, 
	checked_at VARCHAR(32), 
	notes TEXT NOT NULL, 
	attribution_override TEXT DEFAULT '' NOT NULL, 
	trash_id INTEGER, 
	CONSTRAINT pk_claims PRIMARY KEY (id), 
	CONSTRAINT uq_claims_uuid UNIQUE (uuid), 
	CONSTRAINT fk_claims_checked_by_id_team_members FOREIGN KEY(checked_by_id) REFERENCES team_members (id) ON DELETE SET NULL, 
	CONSTRAINT fk_claims_trash_id_trash FOREIGN KEY(trash_id) REFERENCES trash (id)
);

CREATE INDEX ix_claims_trash_id ON claims (trash_id) WHERE trash_id IS NOT NULL;
CREATE INDEX ix_claims_checked_by_id ON claims (checked_by_id);
CREATE TABLE comment_requests (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL, 
	changed_by TEXT DEFAULT '' NOT NULL, 
	changed_device TEXT DEFAULT '' NOT NULL, 
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

CREATE INDEX ix_comment_requests_trash_id ON comment_requests (trash_id) WHERE trash_id IS NOT NULL;
CREATE INDEX ix_comment_requests_source_id ON comment_requests (source_id);
CREATE TABLE draft_byline (
	draft_id INTEGER NOT NULL, 
	team_member_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	CONSTRAINT pk_draft_byline PRIMARY KEY (draft_id, team_member_id), 
	CONSTRAINT fk_draft_byline_draft_id_drafts FOREIGN KEY(draft_id) REFERENCES drafts (id) ON DELETE CASCADE, 
	CONSTRAINT fk_draft_byline_team_member_id_team_members FOREIGN KEY(team_member_id) REFERENCES team_members (id) ON DELETE CASCADE
);

CREATE TABLE draft_versions (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL, 
	changed_by TEXT DEFAULT '' NOT NULL, 
	changed_device TEXT DEFAULT '' NOT NULL, 
	draft_id INTEGER NOT NULL, 
	actor TEXT NOT NULL, 
	reason TEXT NOT NULL, 
	snapshot JSON NOT NULL, 
	CONSTRAINT pk_draft_versions PRIMARY KEY (id), 
	CONSTRAINT uq_draft_versions_uuid UNIQUE (uuid), 
	CONSTRAINT fk_draft_versions_draft_id_drafts FOREIGN KEY(draft_id) REFERENCES drafts (id) ON DELETE CASCADE
);

CREATE INDEX ix_draft_versions_draft_id ON draft_versions (draft_id);
CREATE TABLE taggings (
	tag_id INTEGER NOT NULL, 
	record_uuid VARCHAR(36) NOT NULL, 
	record_kind VARCHAR(32) NOT NULL, 
	CONSTRAINT pk_taggings PRIMARY KEY (tag_id, record_uuid), 
	CONSTRAINT fk_taggings_tag_id_tags FOREIGN KEY(tag_id) REFERENCES tags (id) ON DELETE CASCADE
);

CREATE INDEX ix_taggings_record ON taggings (record_uuid);
CREATE TABLE photo_depicted (
	photo_id INTEGER NOT NULL, 
	source_id INTEGER NOT NULL, 
	CONSTRAINT pk_photo_depicted PRIMARY KEY (photo_id, source_id), 
	CONSTRAINT fk_photo_depicted_photo_id_photos FOREIGN KEY(photo_id) REFERENCES photos (id) ON DELETE CASCADE, 
	CONSTRAINT fk_photo_depicted_source_id_sources FOREIGN KEY(source_id) REFERENCES sources (id) ON DELETE CASCADE
);

CREATE TABLE excerpts (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL, 
	changed_by TEXT DEFAULT '' NOT NULL, 
	changed_device TEXT DEFAULT '' NOT NULL, 
	document_id INTEGER NOT NULL, 
	locator TEXT NOT NULL, 
	text TEXT NOT NULL, 
	note TEXT NOT NULL, 
	trash_id INTEGER, 
	CONSTRAINT pk_excerpts PRIMARY KEY (id), 
	CONSTRAINT uq_excerpts_uuid UNIQUE (uuid), 
	CONSTRAINT fk_excerpts_document_id_documents FOREIGN KEY(document_id) REFERENCES documents (id) ON DELETE CASCADE, 
	CONSTRAINT fk_excerpts_trash_id_trash FOREIGN KEY(trash_id) REFERENCES trash (id)
);

CREATE INDEX ix_excerpts_document_id ON excerpts (document_id);
CREATE INDEX ix_excerpts_trash_id ON excerpts (trash_id) WHERE trash_id IS NOT NULL;
CREATE TABLE comment_request_claims (
	request_id INTEGER NOT NULL, 
	claim_id INTEGER NOT NULL, 
	CONSTRAINT pk_comment_request_claims PRIMARY KEY (request_id, claim_id), 
	CONSTRAINT fk_comment_request_claims_request_id_comment_requests FOREIGN KEY(request_id) REFERENCES comment_requests (id) ON DELETE CASCADE, 
	CONSTRAINT fk_comment_request_claims_claim_id_claims FOREIGN KEY(claim_id) REFERENCES claims (id) ON DELETE CASCADE
);

CREATE TABLE review_comments (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL, 
	changed_by TEXT DEFAULT '' NOT NULL, 
	changed_device TEXT DEFAULT '' NOT NULL, 
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
CREATE TABLE evidence_links (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	version INTEGER DEFAULT 1 NOT NULL, 
	changed_at VARCHAR(32) DEFAULT '1970-01-01T00:00:00.000000+00:00' NOT NULL, 
	changed_by TEXT DEFAULT '' NOT NULL, 
	changed_device TEXT DEFAULT '' NOT NULL, 
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

CREATE INDEX ix_evidence_links_interview_id ON evidence_links (interview_id);
CREATE INDEX ix_evidence_links_trash_id ON evidence_links (trash_id) WHERE trash_id IS NOT NULL;
CREATE INDEX ix_evidence_links_quote_id ON evidence_links (quote_id);
CREATE INDEX ix_evidence_links_claim_id ON evidence_links (claim_id);
CREATE INDEX ix_evidence_links_document_id ON evidence_links (document_id);
CREATE INDEX ix_evidence_links_excerpt_id ON evidence_links (excerpt_id);
CREATE INDEX ix_evidence_links_photo_id ON evidence_links (photo_id);
CREATE TRIGGER fts_sources_ai AFTER INSERT ON sources BEGIN INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 1, coalesce(new.name, ''), coalesce(new.role_title, '') || char(10) || coalesce(new.affiliation, '') || char(10) || coalesce(new.attribution_phrase, '') || char(10) || coalesce(new.short_name, '') || char(10) || coalesce(new.location, '') || char(10) || coalesce(new.notes, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_sources_ad AFTER DELETE ON sources BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 1; END;
CREATE TRIGGER fts_sources_au AFTER UPDATE ON sources BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 1; INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 1, coalesce(new.name, ''), coalesce(new.role_title, '') || char(10) || coalesce(new.affiliation, '') || char(10) || coalesce(new.attribution_phrase, '') || char(10) || coalesce(new.short_name, '') || char(10) || coalesce(new.location, '') || char(10) || coalesce(new.notes, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_team_members_ai AFTER INSERT ON team_members BEGIN INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 2, coalesce(new.name, ''), coalesce(new.base_city, '') || char(10) || coalesce(new.notes, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_team_members_ad AFTER DELETE ON team_members BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 2; END;
CREATE TRIGGER fts_team_members_au AFTER UPDATE ON team_members BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 2; INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 2, coalesce(new.name, ''), coalesce(new.base_city, '') || char(10) || coalesce(new.notes, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_interviews_ai AFTER INSERT ON interviews BEGIN INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 3, coalesce(new.title, ''), coalesce(new.place_name, '') || char(10) || coalesce(new.transcript, '') || char(10) || coalesce(new.notes, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_interviews_ad AFTER DELETE ON interviews BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 3; END;
CREATE TRIGGER fts_interviews_au AFTER UPDATE ON interviews BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 3; INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 3, coalesce(new.title, ''), coalesce(new.place_name, '') || char(10) || coalesce(new.transcript, '') || char(10) || coalesce(new.notes, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_quotes_ai AFTER INSERT ON quotes BEGIN INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 4, coalesce(new.text, ''), coalesce(new.translation, '') || char(10) || coalesce(new.original_text, '') || char(10) || coalesce(new.notes, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_quotes_ad AFTER DELETE ON quotes BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 4; END;
CREATE TRIGGER fts_quotes_au AFTER UPDATE ON quotes BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 4; INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 4, coalesce(new.text, ''), coalesce(new.translation, '') || char(10) || coalesce(new.original_text, '') || char(10) || coalesce(new.notes, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_documents_ai AFTER INSERT ON documents BEGIN INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 5, coalesce(new.title, ''), coalesce(new.publisher, '') || char(10) || coalesce(new.identifier, '') || char(10) || coalesce(new.notes, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_documents_ad AFTER DELETE ON documents BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 5; END;
CREATE TRIGGER fts_documents_au AFTER UPDATE ON documents BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 5; INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 5, coalesce(new.title, ''), coalesce(new.publisher, '') || char(10) || coalesce(new.identifier, '') || char(10) || coalesce(new.notes, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_excerpts_ai AFTER INSERT ON excerpts BEGIN INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 6, coalesce(new.text, ''), coalesce(new.locator, '') || char(10) || coalesce(new.note, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_excerpts_ad AFTER DELETE ON excerpts BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 6; END;
CREATE TRIGGER fts_excerpts_au AFTER UPDATE ON excerpts BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 6; INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 6, coalesce(new.text, ''), coalesce(new.locator, '') || char(10) || coalesce(new.note, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_photos_ai AFTER INSERT ON photos BEGIN INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 7, coalesce(new.caption, ''), coalesce(new.place_name, '') || char(10) || coalesce(new.rights_note, '') || char(10) || coalesce(new.file_name, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_photos_ad AFTER DELETE ON photos BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 7; END;
CREATE TRIGGER fts_photos_au AFTER UPDATE ON photos BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 7; INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 7, coalesce(new.caption, ''), coalesce(new.place_name, '') || char(10) || coalesce(new.rights_note, '') || char(10) || coalesce(new.file_name, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_claims_ai AFTER INSERT ON claims BEGIN INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 8, coalesce(new.statement, ''), coalesce(new.notes, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_claims_ad AFTER DELETE ON claims BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 8; END;
CREATE TRIGGER fts_claims_au AFTER UPDATE ON claims BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 8; INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 8, coalesce(new.statement, ''), coalesce(new.notes, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_comment_requests_ai AFTER INSERT ON comment_requests BEGIN INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 9, coalesce(new.subject, ''), coalesce(new.answer_text, '') || char(10) || coalesce(new.notes, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_comment_requests_ad AFTER DELETE ON comment_requests BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 9; END;
CREATE TRIGGER fts_comment_requests_au AFTER UPDATE ON comment_requests BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 9; INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 9, coalesce(new.subject, ''), coalesce(new.answer_text, '') || char(10) || coalesce(new.notes, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_drafts_ai AFTER INSERT ON drafts BEGIN INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 10, coalesce(new.headline, ''), coalesce(new.dek, '') || char(10) || coalesce(new.body, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_drafts_ad AFTER DELETE ON drafts BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 10; END;
CREATE TRIGGER fts_drafts_au AFTER UPDATE ON drafts BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 10; INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 10, coalesce(new.headline, ''), coalesce(new.dek, '') || char(10) || coalesce(new.body, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_attachments_ai AFTER INSERT ON attachments BEGIN INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 11, coalesce(new.file_name, ''), coalesce(new.description, '') WHERE new.trash_id IS NULL; END;
CREATE TRIGGER fts_attachments_ad AFTER DELETE ON attachments BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 11; END;
CREATE TRIGGER fts_attachments_au AFTER UPDATE ON attachments BEGIN DELETE FROM search_index WHERE rowid = old.id * 16 + 11; INSERT INTO search_index(rowid, title, body) SELECT new.id * 16 + 11, coalesce(new.file_name, ''), coalesce(new.description, '') WHERE new.trash_id IS NULL; END;
CREATE VIRTUAL TABLE search_index USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');

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
