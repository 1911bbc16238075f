"""Storage layer: SQLAlchemy base and types, connection setup, schema versions, search index."""
