-- Schema version 11 -> 12: field copies and merging (issue 21). Four tables of bookkeeping,
-- not records a reporter edits (casefile/models/sync.py, docs/merge.md): this file's own
-- replica id, the other files of the case it merges with, the base of each record for a
-- three-way merge, and the conflicts a merge left. All start empty: a file takes part in
-- copies only once one is made. Exactly the statements a new version-12 file is made with,
-- so a migrated file and a new one have the same tables. Written once and never edited.

CREATE TABLE sync_replica (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	CONSTRAINT pk_sync_replica PRIMARY KEY (id), 
	CONSTRAINT ck_sync_replica_one_row CHECK (id = 1), 
	CONSTRAINT uq_sync_replica_uuid UNIQUE (uuid)
);

CREATE TABLE sync_peers (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	replica VARCHAR(36) NOT NULL, 
	relation VARCHAR(16) NOT NULL, 
	label TEXT NOT NULL, 
	member_uuid VARCHAR(36), 
	policy JSON NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	last_merged_at VARCHAR(32), 
	merges INTEGER NOT NULL, 
	CONSTRAINT pk_sync_peers PRIMARY KEY (id), 
	CONSTRAINT uq_sync_peers_uuid UNIQUE (uuid), 
	CONSTRAINT uq_sync_peers_replica UNIQUE (replica)
);

CREATE TABLE sync_base (
	peer_id INTEGER NOT NULL, 
	record_uuid VARCHAR(36) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	here_version INTEGER, 
	there_version INTEGER, 
	there_changed TEXT NOT NULL, 
	ancestor JSON, 
	there JSON, 
	CONSTRAINT pk_sync_base PRIMARY KEY (peer_id, record_uuid), 
	CONSTRAINT fk_sync_base_peer_id_sync_peers FOREIGN KEY(peer_id) REFERENCES sync_peers (id) ON DELETE CASCADE
);

CREATE TABLE merge_conflicts (
	id INTEGER NOT NULL, 
	uuid VARCHAR(36) NOT NULL, 
	peer_id INTEGER, 
	merged_at VARCHAR(32) NOT NULL, 
	record_kind VARCHAR(32) NOT NULL, 
	record_uuid VARCHAR(36) NOT NULL, 
	field TEXT NOT NULL, 
	reason TEXT NOT NULL, 
	base JSON, 
	mine JSON, 
	theirs JSON, 
	their_author TEXT NOT NULL, 
	their_changed_at VARCHAR(32), 
	status VARCHAR(16) NOT NULL, 
	resolved_at VARCHAR(32), 
	resolved_by TEXT NOT NULL, 
	undo_value JSON, 
	CONSTRAINT pk_merge_conflicts PRIMARY KEY (id), 
	CONSTRAINT uq_merge_conflicts_uuid UNIQUE (uuid), 
	CONSTRAINT fk_merge_conflicts_peer_id_sync_peers FOREIGN KEY(peer_id) REFERENCES sync_peers (id) ON DELETE SET NULL
);

CREATE INDEX ix_sync_base_versions ON sync_base (peer_id, record_uuid, kind, here_version, there_version, there_changed);
CREATE INDEX ix_merge_conflicts_record ON merge_conflicts (record_uuid);
CREATE INDEX ix_merge_conflicts_status ON merge_conflicts (status);
