"""The translation catalogues (resources/i18n/casefile_<lang>.ts): kept up to date with the
strings the app marks, and compiled to the .qm files the app loads. `make translations`.

pyside6-lupdate does not serve here: it files a module-level `tr()` under an empty context
and one inside a class under the class's name, while `tr()` (ui/kinds.py) always translates
in the one context "Casefile". So this walks the sources itself and writes the same XML
lupdate writes (Qt Linguist opens it), keeping every translation already made.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from casefile import read_models
from ui.i18n import CONTEXT

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "i18n"


@dataclass
class Message:
    """One string of a catalogue: where it is used, and its translation (if finished)."""

    source: str
    locations: list[tuple[str, int]] = field(default_factory=list)
    translation: str = ""
    finished: bool = False
    vanished: bool = False


def marked_strings(root: Path = ROOT) -> dict[str, list[tuple[str, int]]]:
    """Every literal passed to `tr()` under ui/, with where it is (path, line)."""
    found: dict[str, list[tuple[str, int]]] = {}
    for path in sorted((root / "ui").rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), relative)):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "tr" and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, []).append((relative, node.lineno))
    return found


def enum_strings() -> dict[str, list[tuple[str, int]]]:
    """The core's enum values as the lists show them ("needs second source"): ui/kinds.py
    translates them by value, so no literal marks them."""
    found: dict[str, list[tuple[str, int]]] = {}
    for name in read_models.__all__:  # the core's enums, as its read models hand them out
        kind = getattr(read_models, name)
        if isinstance(kind, type) and issubclass(kind, Enum) and kind.__module__.startswith(
                "casefile."):
            for member in kind:
                text = str(member.value).replace("_", " ")
                found.setdefault(text, []).append(("casefile/models/enums.py", 0))
    return found


def all_strings(root: Path = ROOT) -> dict[str, list[tuple[str, int]]]:
    """What a catalogue must translate."""
    strings = marked_strings(root)
    for text, where in enum_strings().items():
        strings.setdefault(text, []).extend(where)
    return strings


def read_ts(path: Path) -> dict[str, Message]:
    """The messages of a .ts file, by source text."""
    if not path.exists():
        return {}
    messages: dict[str, Message] = {}
    for node in ET.parse(path).getroot().iter("message"):
        source = node.findtext("source") or ""
        translation = node.find("translation")
        kind = translation.get("type", "") if translation is not None else "unfinished"
        messages[source] = Message(
            source, translation=(translation.text or "") if translation is not None else "",
            finished=kind == "", vanished=kind in ("vanished", "obsolete"))
    return messages


def updated(strings: dict[str, list[tuple[str, int]]],
            old: dict[str, Message]) -> list[Message]:
    """The catalogue for `strings`: old translations kept, new strings unfinished, strings
    no longer used kept as vanished (their translation may serve again)."""
    messages = []
    for source, where in strings.items():
        before = old.get(source)
        messages.append(Message(source, where, before.translation if before else "",
                                bool(before and before.translation and
                                     (before.finished or before.vanished))))
    messages += [Message(m.source, [], m.translation, False, True)
                 for m in old.values() if m.source not in strings and m.translation]
    return messages


def write_ts(path: Path, language: str, messages: list[Message]) -> None:
    """Write `messages` in the XML lupdate writes (TS 2.1)."""
    ts = ET.Element("TS", version="2.1", language=language, sourcelanguage="en")
    context = ET.SubElement(ts, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for message in messages:
        node = ET.SubElement(context, "message")
        for file, line in message.locations:
            ET.SubElement(node, "location",
                          filename=os.path.relpath(ROOT / file, path.parent),
                          line=str(line))
        ET.SubElement(node, "source").text = message.source
        translation = ET.SubElement(node, "translation")
        translation.text = message.translation
        if message.vanished:
            translation.set("type", "vanished")
        elif not message.finished:
            translation.set("type", "unfinished")
    ET.indent(ts, space="    ")
    body = ET.tostring(ts, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                    encoding="utf-8")


def lrelease() -> str:
    """Qt's compiler of .ts into .qm (PySide6 ships it beside the venv's python)."""
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    found = str(beside) if beside.exists() else shutil.which("pyside6-lrelease")
    if not found:
        raise SystemExit("pyside6-lrelease not found: install PySide6 (make run does)")
    return found


def compile_qm(ts: Path, qm: Path) -> None:
    """Compile one catalogue."""
    subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)


def catalogues(folder: Path = FOLDER) -> list[Path]:
    """The shipped .ts files."""
    return sorted(folder.glob("casefile_*.ts"))


def main(argv: list[str] | None = None) -> int:
    """Update every catalogue from the sources, report what is untranslated, compile."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--new", metavar="LANG", help="start a catalogue for LANG (e.g. de)")
    args = parser.parse_args(argv)
    FOLDER.mkdir(parents=True, exist_ok=True)
    paths = catalogues()
    if args.new:
        paths.append(FOLDER / f"casefile_{args.new}.ts")
    strings = all_strings()
    for path in paths:
        language = path.stem.removeprefix("casefile_")
        messages = updated(strings, read_ts(path))
        write_ts(path, language, messages)
        todo = [m.source for m in messages if not m.finished and not m.vanished]
        compile_qm(path, path.with_suffix(".qm"))
        print(f"{path.relative_to(ROOT)}: {len(messages) - len(todo)} translated, "
              f"{len(todo)} to translate")
        for source in todo:
            print(f"  {source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
