"""Field copies and merging (docs/merge.md): a lead hands out copies of a case, contributors
work in them offline, and each copy merges back — three-way, field by field, with every
disagreement kept as a conflict to decide."""

from casefile.sync.copying import CopyCancelledError, CopyResult, copy_steps, make_field_copy
from casefile.sync.merging import MergeCancelledError, merge_cases, merge_steps
from casefile.sync.report import ConflictData, MergeReport
from casefile.sync.service import CHOICES, MergeService, PeerData

__all__ = ["CHOICES", "ConflictData", "CopyCancelledError", "CopyResult",
           "MergeCancelledError", "MergeReport", "MergeService", "PeerData", "copy_steps",
           "make_field_copy", "merge_cases", "merge_steps"]
