"""What a shared bundle or a field copy leaves out: the three choices File → Export bundle…
and File → Make a field copy… offer, in one place so the two never drift apart."""

from __future__ import annotations

from casefile.redaction import RedactionPolicy
from ui.kinds import tr


def share_kinds() -> list[str]:
    """The choices, in their order (shared first: the safe default)."""
    return [tr("For an editor or colleague — protected sources as their pseudonyms; no "
               "contact details, notes, deleted records, photo GPS/metadata, or "
               "transcripts of interviews with protected sources (their quotes used as "
               "evidence stay); files that cannot be checked are withheld"),
            tr("Complete copy — everything, for your own use or another computer"),
            tr("For an editor or colleague, including the transcripts and attachments of "
               "interviews with protected sources (redacted)")]


def share_policy(choice: int) -> RedactionPolicy | None:
    """The policy of a choice of `share_kinds` (None: a complete copy)."""
    return {0: RedactionPolicy(),
            2: RedactionPolicy(include_protected_transcripts=True)}.get(choice)
