"""The `casefile` command line, driven as a user or a script would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from casefile.cli import build_parser, main
from casefile.db.driver import dbapi

COMMANDS = ["new", "info", "import", "dump", "search", "check", "backup", "demo", "add-photos",
            "add-document", "import-csl", "export-csl", "export-bib", "export-ris", "cite",
            "claims", "check-draft", "export", "import-review", "encrypt", "decrypt", "backups",
            "recover", "copy", "merge", "conflicts", "resolve"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_for_every_command(capsys: pytest.CaptureFixture[str], command: str | None) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"] if command else ["--help"])
    assert info.value.code == 0
    assert "usage: casefile" in capsys.readouterr().out


def test_every_command_is_documented_in_cli_md() -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text()
    parser_commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert parser_commands == set(COMMANDS)
    for command in COMMANDS:
        assert f"casefile {command}" in text


def test_new_info_search_check_backup_dump_import(capsys, tmp_path: Path) -> None:
    f = tmp_path / "story.casefile"
    assert run(capsys, "new", f, "--title", "Border trade")[0] == 0
    code, out, _ = run(capsys, "info", f, "--json")
    info = json.loads(out)
    assert code == 0 and info["title"] == "Border trade" and info["counts"]["source"] == 0

    demo = tmp_path / "demo.casefile"
    code, out, _ = run(capsys, "demo", demo)
    assert code == 0 and "sample case" in out
    code, out, _ = run(capsys, "info", demo)
    assert "Border trade on the Amur" in out and "sources 10" in out

    code, out, _ = run(capsys, "search", demo, "Благовещенск*", "--json")
    hits = json.loads(out)
    assert code == 0 and hits and all({"kind", "uuid", "title", "snippet"} <= set(h) for h in hits)
    code, out, _ = run(capsys, "search", demo, 'AND( NEAR/ "')
    assert code == 0 and out.strip() == "no matches"

    code, out, _ = run(capsys, "check", demo)
    assert code == 0 and out.startswith("ok:")

    code, out, _ = run(capsys, "backup", demo, "--out", tmp_path / "copy.casefile")
    assert code == 0 and (tmp_path / "copy.casefile").exists()

    code, _, _ = run(capsys, "dump", demo, "--out", tmp_path / "case.zip")
    assert code == 0
    code, out, _ = run(capsys, "import", f, tmp_path / "case.zip", "--json")
    assert code == 0 and json.loads(out)["imported"] > 50
    code, out, _ = run(capsys, "info", f, "--json")
    assert json.loads(out)["counts"]["claim"] == 15


def test_errors_are_one_line_with_nonzero_exit(capsys, tmp_path: Path) -> None:
    text = tmp_path / "notes.casefile"
    text.write_text("hello")
    code, out, err = run(capsys, "info", text)
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        f"casefile: error: {text}: not a Casefile case file: it is not a database file"]
    code, _, err = run(capsys, "new", text, "--title", "x")
    assert code == 1 and "already exists" in err


def test_bad_bundle_lists_problems_under_one_error_line(capsys, tmp_path: Path) -> None:
    f = tmp_path / "c.casefile"
    run(capsys, "new", f, "--title", "x")
    bundle = tmp_path / "b.json"
    bundle.write_text(json.dumps({"format": "casefile-bundle", "format_version": 1,
                                  "case": {"title": "x"}, "sources": [{"kind": "person"}]}))
    code, _, err = run(capsys, "import", f, bundle)
    lines = err.splitlines()
    assert code == 1
    assert lines[0].startswith("casefile: error:") and "not imported" in lines[0]
    assert "sources[0]: 'name' is required" in lines[1]


def test_check_exits_nonzero_on_a_damaged_file(capsys, tmp_path: Path) -> None:

    f = tmp_path / "demo.casefile"
    run(capsys, "demo", f)
    conn = dbapi.connect(f)
    conn.execute("UPDATE blobs SET data = X'00' WHERE id = (SELECT min(id) FROM blobs)")
    conn.commit()
    conn.close()
    code, out, _ = run(capsys, "check", f)
    assert code == 1 and "PROBLEMS FOUND" in out and "has changed" in out


def test_console_script_usage_error_exits_2() -> None:
    result = subprocess.run([sys.executable, "-m", "casefile.cli", "frobnicate"],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_media_commands(capsys, tmp_path: Path) -> None:
    from tests.test_documents import DATA, make_pdf
    from tests.test_photos import photo_bytes

    f = tmp_path / "c.casefile"
    run(capsys, "new", f, "--title", "Media")
    folder = tmp_path / "card"
    folder.mkdir()
    for i in range(3):
        (folder / f"IMG_{i}.jpg").write_bytes(photo_bytes(color=(i * 50, 10, 10)))
    code, out, err = run(capsys, "add-photos", f, folder, "--place", "Blagoveshchensk")
    assert code == 0 and out.strip().endswith("3 imported") and err == ""
    (folder / "broken.jpg").write_bytes(b"nope")
    code, out, err = run(capsys, "add-photos", f, folder, "--json")
    report = json.loads(out)
    assert code == 1 and report["counts"] == {"imported": 0, "duplicate": 3, "rejected": 1,
                                              "skipped": 0}
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(make_pdf(4))
    code, out, _ = run(capsys, "add-document", f, pdf, "--kind", "statistics", "--json")
    added = json.loads(out)
    assert code == 0 and added["pages"] == 4 and len(added["sha256"]) == 64
    code, out, _ = run(capsys, "import-csl", f, DATA / "zotero-export.json")
    assert code == 0 and "created   5" in out
    code, out, _ = run(capsys, "export-csl", f)
    items = json.loads(out)
    assert len(items) == 6
    code, out, _ = run(capsys, "cite", f, added["uuid"])
    assert code == 0 and "National Statistics Service" in out
    code, out, _ = run(capsys, "export-csl", f, "--out", tmp_path / "out.json")
    assert code == 0 and len(json.loads((tmp_path / "out.json").read_text())) == 6


def test_claims_and_check_draft(capsys, tmp_path: Path) -> None:
    demo = tmp_path / "demo.casefile"
    run(capsys, "demo", demo)
    code, out, _ = run(capsys, "claims", demo, "--json")
    claims = json.loads(out)
    assert code == 0 and len(claims) == 15
    assert {"uuid", "status", "independent_sources", "weaknesses", "attribution"} <= set(claims[0])
    code, out, _ = run(capsys, "claims", demo, "--weak")
    assert code == 0 and out.count("WEAK ") == sum(1 for c in claims if c["weaknesses"])
    from casefile import CaseFile

    with CaseFile.open(demo) as case:
        draft = case.drafts.page()[0].uuid
    code, out, _ = run(capsys, "check-draft", demo, "--draft", draft)
    assert code == 1 and "BLOCKING" in out and out.strip().endswith("2 blocking")
    with CaseFile.open(demo) as case:
        clean = case.drafts.create(headline="Clean", body="A quiet day on the river.").uuid
    code, out, _ = run(capsys, "check-draft", demo, "--draft", clean, "--json")
    assert code == 0 and json.loads(out)["blocking"] == 0


def test_export_and_check_draft_find_the_only_draft(capsys, tmp_path: Path) -> None:
    case = tmp_path / "story.casefile"
    assert run(capsys, "demo", str(case))[0] == 0
    code, out, _err = run(capsys, "export", str(case), "--out", str(tmp_path / "d.docx"),
                          "--allow-blocking")  # the sample draft's findings, on purpose
    assert code == 0 and (tmp_path / "d.docx").exists()
    code, _out, _err = run(capsys, "check-draft", str(case))
    assert code == 1  # the sample draft has blocking findings, on purpose
    from casefile import CaseFile

    with CaseFile.open(case) as c:
        c.drafts.create(headline="A second story")
    code, _out, err = run(capsys, "export", str(case), "--out", str(tmp_path / "e.docx"))
    assert code == 1 and "the case has 2 drafts; name one with --draft" in err
    assert "A second story" in err


def test_an_internal_error_is_one_line_unless_debugging(capsys, monkeypatch) -> None:
    import casefile.cli as cli

    def broken(_args):
        raise FileNotFoundError("templates/default-comments.xml")

    monkeypatch.setattr(cli, "_cmd_info", broken)
    assert main(["info", "x.casefile"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("casefile: internal error: FileNotFoundError") and "Traceback" not in err
    monkeypatch.setenv("CASEFILE_DEBUG", "1")
    with pytest.raises(FileNotFoundError):
        main(["info", "x.casefile"])
