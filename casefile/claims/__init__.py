"""What makes a story checkable: support summaries, attributions, draft anchors, the checker."""
