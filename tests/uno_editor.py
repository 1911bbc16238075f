"""An editor working in LibreOffice, driven through Python-UNO (run by /usr/bin/python3).

    /usr/bin/python3 tests/uno_editor.py JOBS.json

JOBS.json is a list of jobs, each {"in": PATH, "out": PATH, "author": NAME,
"comments": [{"on": TEXT, "text": TEXT}], "replace": [[OLD, NEW]], "delete": [TEXT]}:
the file is loaded by LibreOffice's own Word filter, comments are inserted over the first
range that reads `on` (a `com.sun.star.text.textfield.Annotation` absorbing the range), the
edits are made with change tracking on (RecordChanges=True) under the editor's user name, and
the file is saved as "MS Word 2007 XML", what File > Save does with a .docx.

The document is loaded as a model with no frame or view: headless LibreOffice 7.4 crashes
building the comment margin of a view for a file that has comments (SwAnnotationWin, in an
event after loading), and a crashed office leaves a `.~lock.NAME#` file that makes the next
load of that file fail quietly. Without a view findFirst finds nothing, so text is found by
walking paragraphs with a cursor.
One headless soffice serves every job: it listens on a named pipe (no network socket) and has
its own profile, so parallel runs never block each other. Prints one JSON line per job.

Not a pytest module: tests/test_review_tools.py runs it in a subprocess, since `import uno`
works only under the system Python.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]  # only under /usr/bin/python3
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

FILTER = "MS Word 2007 XML"


def _props(**values: Any) -> tuple[Any, ...]:
    out = []
    for name, value in values.items():
        p = PropertyValue()
        p.Name, p.Value = name, value
        out.append(p)
    return tuple(out)


def _start(profile: Path, pipe: str) -> tuple[subprocess.Popen[bytes], Any]:
    """A headless soffice on its own profile and pipe, and its desktop once it answers."""
    soffice = shutil.which("soffice") or "soffice"
    # A new profile makes soffice restart itself once, which drops a bridge made before:
    # create the profile first, then start the office that serves the jobs.
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--terminate_after_init"], capture_output=True, timeout=120, check=False)
    proc = subprocess.Popen(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
         "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 60
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise SystemExit("uno_editor: soffice did not start") from None
            time.sleep(0.2)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, (ctx, desktop)


def _set_user(ctx: Any, name: str) -> None:
    """The name LibreOffice writes on tracked changes: the user's, from Tools > Options."""
    first, _sep, last = name.partition(" ")
    provider = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", ctx)
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        _props(nodepath="/org.openoffice.UserProfile/Data"))
    access.setPropertyValue("givenname", first)
    access.setPropertyValue("sn", last)
    access.commitChanges()


def _find(doc: Any, text: str) -> Any:
    """The first range of the body that reads `text`, within one paragraph. (findFirst needs
    a view, which this document has not: walk the paragraphs with a text cursor.)"""
    body = doc.getText()
    paragraphs = body.createEnumeration()
    while paragraphs.hasMoreElements():
        para = paragraphs.nextElement()
        if not para.supportsService("com.sun.star.text.Paragraph"):
            continue
        at = para.getString().find(text)
        if at < 0:
            continue
        # Footnote and comment anchors take a cursor step each but no character in the
        # string: step on until the selection reads the text.
        for skip in range(at, at + 64):
            cursor = body.createTextCursorByRange(para.getStart())
            if not cursor.goRight(skip, False):
                break
            cursor.goRight(len(text), True)
            if cursor.getString() == text:
                return cursor
    raise SystemExit(f"uno_editor: {text!r} is not in the document")


def _comment(doc: Any, on: str, text: str, author: str) -> None:
    found = _find(doc, on)
    note = doc.createInstance("com.sun.star.text.textfield.Annotation")
    note.Author = author
    note.Initials = "".join(w[0] for w in author.split())
    note.Content = text
    when = uno.createUnoStruct("com.sun.star.util.DateTime")
    when.Year, when.Month, when.Day, when.Hours, when.Minutes = 2026, 11, 30, 10, 0
    note.DateTimeValue = when
    found.getText().insertTextContent(found, note, True)  # absorb: the comment spans it


def run(job: dict[str, Any], ctx: Any, desktop: Any) -> dict[str, Any]:
    author = job.get("author", "Olga Editor")
    _set_user(ctx, author)
    # A model with no frame or view: headless LibreOffice 7.4 crashes building the comment
    # margin of a view (SwAnnotationWin in an event after loading), with no view it cannot.
    doc = ctx.ServiceManager.createInstanceWithContext("com.sun.star.text.TextDocument", ctx)
    doc.load(_props(URL=Path(job["in"]).resolve().as_uri(), FilterName=FILTER, Hidden=True))
    if doc is None:
        raise SystemExit(f"uno_editor: LibreOffice could not open {job['in']}")
    try:
        for c in job.get("comments", []):
            _comment(doc, c["on"], c["text"], author)
        doc.RecordChanges = bool(job.get("replace") or job.get("delete"))
        for old, new in job.get("replace", []):
            _find(doc, old).setString(new)
        for gone in job.get("delete", []):
            _find(doc, gone).setString("")
        doc.storeToURL(Path(job["out"]).resolve().as_uri(),
                       _props(FilterName=FILTER, Overwrite=True))
        fields = doc.getTextFields().createEnumeration()
        notes = 0
        while fields.hasMoreElements():
            if fields.nextElement().supportsService("com.sun.star.text.textfield.Annotation"):
                notes += 1
        return {"out": job["out"], "annotations": notes,
                "redlines": doc.getRedlines().getCount()}
    finally:
        doc.close(True)


def main(argv: list[str]) -> int:
    jobs = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    profile = Path(tempfile.mkdtemp(prefix="casefile-uno-"))
    pipe = f"casefile_uno_{os.getpid()}"
    try:
        proc, (ctx, desktop) = _start(profile, pipe)
    except BaseException:  # soffice did not start: its profile goes all the same
        shutil.rmtree(profile, ignore_errors=True)
        raise
    try:
        for job in jobs:
            print(json.dumps(run(job, ctx, desktop)), flush=True)
    finally:
        with contextlib.suppress(Exception):  # the bridge goes down with the office
            desktop.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
