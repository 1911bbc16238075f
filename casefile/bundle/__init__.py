"""The interchange bundle: a whole case as versioned JSON, plus its files (docs/bundle-format.md).

`dump_bundle(case, out)` writes `.zip` (portable) or `.json` (+ a files folder);
`import_bundle(case, path)` validates everything first and writes in one transaction.
"""

from casefile.bundle.dump import dump_bundle, to_document
from casefile.bundle.load import import_bundle, read_bundle

__all__ = ["dump_bundle", "import_bundle", "read_bundle", "to_document"]
