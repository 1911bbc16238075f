"""Media: reading images safely, their metadata and thumbnails; documents and citations."""
