-- Schema version 2 -> 3: cached thumbnails; document page count, container title and the
-- CSL fields Casefile has no column for. Written once and never edited.

CREATE TABLE thumbnails (
    blob_id INTEGER NOT NULL,
    max_side INTEGER NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    data BLOB NOT NULL,
    CONSTRAINT pk_thumbnails PRIMARY KEY (blob_id, max_side),
    CONSTRAINT fk_thumbnails_blob_id_blobs FOREIGN KEY(blob_id) REFERENCES blobs (id) ON DELETE CASCADE
);
ALTER TABLE documents ADD COLUMN page_count INTEGER;
ALTER TABLE documents ADD COLUMN container_title TEXT DEFAULT '' NOT NULL;
ALTER TABLE documents ADD COLUMN csl_extra JSON DEFAULT '{}' NOT NULL;
