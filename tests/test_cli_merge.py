"""`casefile copy`, `merge`, `conflicts` and `resolve`, driven as a lead reporter would: the
case files are real, made and read back through the core; the commands run in-process
through `main()` (and once as the console script, for progress on stderr)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from casefile import CaseFile
from casefile.cli import main
from casefile.db import driver

NAME = "Zhanna Kuroedova"  # the confidential source: never in a shared copy
ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (90, 120, 30)).save(buf, "JPEG")
    return buf.getvalue()


@dataclass(frozen=True)
class Story:
    """The lead's case file and the records the tests touch."""

    path: Path
    olga: uuid.UUID
    yuri: uuid.UUID
    secret: uuid.UUID
    interview: uuid.UUID
    other: uuid.UUID
    photo: uuid.UUID
    claim: uuid.UUID
    second: uuid.UUID


@pytest.fixture
def lead(tmp_path: Path) -> Story:
    """A small story: two contributors, an on-record and a confidential source, an
    interview, a photo, two claims with evidence."""
    path = tmp_path / "story.casefile"
    with CaseFile.create(path, title="Border trade", actor="anna") as case:
        olga = case.team.create(name="Olga Petrova", role="contributor",
                                base_city="Vladivostok")
        case.team.create(name="Li Wei", role="contributor", base_city="Heihe")
        yuri = case.sources.create(name="Yuri Belov", role_title="trader",
                                   ground_rules="on_record")
        secret = case.sources.create(name=NAME, role_title="customs broker",
                                     ground_rules="confidential",
                                     attribution_phrase="a broker in Blagoveshchensk",
                                     notes=f"{NAME} meets us at the market")
        text = "Q: How long?\n\nA: Trucks wait nine days at the bridge.\n\nQ: And the fees?"
        interview = case.interviews.create(title="Yuri at the yard", transcript=text,
                                           interviewees=[yuri.uuid])
        other = case.interviews.create(title="Broker at the market",
                                       transcript=f"{NAME} said the fees doubled.",
                                       interviewees=[secret.uuid])
        photo = case.photos.add(jpeg(), "yard.jpg", caption="Trucks at the yard")
        claim = case.claims.create(statement="Trucks wait nine days at the crossing.")
        second = case.claims.create(statement="Fees doubled this year.")
        quote = case.quotes.mark(interview.uuid, text.index("Trucks"), text.index(".\n\nQ: A") + 1,
                                 speaker=yuri.uuid)
        case.evidence.create(claim=claim.uuid, quote=quote.uuid)
    return Story(path, olga.uuid, yuri.uuid, secret.uuid, interview.uuid, other.uuid,
                 photo.uuid, claim.uuid, second.uuid)


@pytest.mark.parametrize("command", ["copy", "merge", "conflicts", "resolve"])
def test_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    assert f"usage: casefile {command}" in capsys.readouterr().out


def test_the_four_commands_are_documented() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for command in ("copy", "merge", "conflicts", "resolve"):
        assert f"`casefile {command} " in text


def test_copy_edit_merge_review_resolve(capsys: pytest.CaptureFixture[str],
                                        lead: Story, tmp_path: Path) -> None:
    case_path = lead.path
    copy = tmp_path / "olga.casefile"
    code, out, err = run(capsys, "copy", case_path, "--out", copy, "--for", "olga petrova",
                         "--json")
    assert code == 0, err
    made = json.loads(out)
    assert made["path"] == str(copy) and made["member"] == str(lead.olga)
    assert made["records"] > 5 and made["share"] is False and made["withheld"] == []
    assert "casefile: copying:" in err  # progress goes to stderr, never into the JSON

    # Both sides work: a clean change on each, and one field changed on both differently.
    with CaseFile.open(copy, actor="olga") as theirs:
        theirs.photos.update(lead.photo, caption="Trucks queue at the Blagoveshchensk yard")
        theirs.claims.update(lead.second, statement="Broker fees doubled in 2026.")
        new = theirs.sources.create(name="Wang Fang", role_title="driver",
                                    ground_rules="on_record")
    with CaseFile.open(case_path, actor="anna") as mine:
        mine.claims.update(lead.claim, notes="checked with the customs log")
        mine.claims.update(lead.second, statement="Fees doubled since January.")

    code, out, err = run(capsys, "merge", case_path, copy)
    assert code == 0, err  # a merge with conflicts still succeeds
    assert "1 conflict is open" in out and f"casefile conflicts {case_path}" in out
    with CaseFile.open(case_path) as merged:
        assert merged.photos.get(lead.photo).caption.startswith("Trucks queue")
        assert merged.sources.get(new.uuid).name == "Wang Fang"
        assert merged.claims.get(lead.claim).notes == "checked with the customs log"
        # until it is settled, the lead's value stays
        assert merged.claims.get(lead.second).statement == "Fees doubled since January."
        assert merged.check().ok

    code, out, _ = run(capsys, "conflicts", case_path, "--json")
    listed = json.loads(out)
    assert code == 0 and listed["open"] == 1
    [conflict] = listed["conflicts"]
    assert conflict["record_uuid"] == str(lead.second) and conflict["status"] == "open"
    assert conflict["mine"] == "Fees doubled since January."
    assert conflict["theirs"] == "Broker fees doubled in 2026."
    assert conflict["base"] == "Fees doubled this year."
    code, out, _ = run(capsys, "conflicts", case_path)
    assert code == 0 and out.startswith("1 open conflict\n")
    assert conflict["uuid"] in out and "Broker fees doubled in 2026." in out

    code, out, err = run(capsys, "resolve", case_path, conflict["uuid"], "--theirs")
    assert code == 0, err
    assert "0 conflicts still open" in out
    with CaseFile.open(case_path) as merged:
        assert merged.claims.get(lead.second).statement == "Broker fees doubled in 2026."
    code, out, _ = run(capsys, "conflicts", case_path)
    assert code == 0 and out.strip() == "no open conflicts"
    code, out, _ = run(capsys, "conflicts", case_path, "--all", "--json")
    assert [c["status"] for c in json.loads(out)["conflicts"]] == ["taken"]

    # --reopen undoes it: the lead's value is back and the conflict open again
    code, out, err = run(capsys, "resolve", case_path, conflict["uuid"], "--reopen")
    assert code == 0, err
    assert "1 conflict still open" in out
    with CaseFile.open(case_path) as merged:
        assert merged.claims.get(lead.second).statement == "Fees doubled since January."
    code, out, err = run(capsys, "resolve", case_path, conflict["uuid"], "--value",
                         "Broker fees doubled since January 2026.", "--json")
    assert code == 0, err
    assert json.loads(out)["status"] == "edited"
    with CaseFile.open(case_path) as merged:
        assert (merged.claims.get(lead.second).statement
                == "Broker fees doubled since January 2026.")

    # --reopen on a conflict that is open says so and changes nothing
    run(capsys, "resolve", case_path, conflict["uuid"], "--reopen")
    code, out, err = run(capsys, "resolve", case_path, conflict["uuid"], "--reopen")
    assert (code, out) == (1, "") and "that conflict is open: nothing to reopen" in err
    assert run(capsys, "resolve", case_path, conflict["uuid"], "--value",
               "Broker fees doubled since January 2026.")[0] == 0

    # merging the same copy again changes nothing and raises no new conflict
    with CaseFile.open(case_path) as merged:
        versions = {c.uuid: c.version for c in merged.claims.page()}
        versions |= {p.uuid: p.version for p in merged.photos.page()}
    code, out, err = run(capsys, "merge", case_path, copy, "--json")
    again = json.loads(out)
    assert code == 0, err
    assert again["changed"] == 0
    assert again["open_conflicts"] == 0 and again["conflicts"] == []
    with CaseFile.open(case_path) as merged:
        assert merged.claims.get(lead.second).statement == (
            "Broker fees doubled since January 2026.")
        assert merged.merges.open_count() == 0
        assert versions == ({c.uuid: c.version for c in merged.claims.page()}
                            | {p.uuid: p.version for p in merged.photos.page()})


def test_merge_the_other_way_brings_the_lead_s_work_into_the_copy(
        capsys: pytest.CaptureFixture[str], lead: Story, tmp_path: Path) -> None:
    case_path = lead.path
    copy = tmp_path / "copy.casefile"
    assert run(capsys, "copy", case_path, "--out", copy)[0] == 0
    with CaseFile.open(case_path) as mine:
        mine.photos.update(lead.photo, caption="Trucks at the yard, 3 March")
    code, out, err = run(capsys, "merge", copy, case_path)
    assert code == 0, err
    assert "no conflicts are open" in out
    with CaseFile.open(copy) as theirs:
        assert theirs.photos.get(lead.photo).caption == "Trucks at the yard, 3 March"


def test_a_shared_copy_withholds_the_confidential_source(
        capsys: pytest.CaptureFixture[str], lead: Story, tmp_path: Path) -> None:
    case_path = lead.path
    copy = tmp_path / "shared.casefile"
    code, out, err = run(capsys, "copy", case_path, "--out", copy, "--share", "--for",
                         str(lead.olga))
    assert code == 0, err
    assert out.startswith(f"wrote {copy}: a field copy for Olga Petrova, shared like a bundle")
    assert f"casefile merge {case_path} {copy}" in out
    for f in copy.parent.glob(copy.name + "*"):  # the file and any -wal left beside it
        assert NAME.encode() not in f.read_bytes()
        assert "Kuroedova".encode("utf-16-le") not in f.read_bytes()
    with CaseFile.open(copy) as shared:
        assert shared.sources.get(lead.secret).name != NAME


def test_a_copy_of_some_interviews_and_claims_only(
        capsys: pytest.CaptureFixture[str], lead: Story, tmp_path: Path) -> None:
    case_path = lead.path
    copy = tmp_path / "part.casefile"
    code, out, err = run(capsys, "copy", case_path, "--out", copy, "--interview",
                         lead.interview, "--claim", lead.claim)
    assert code == 0, err
    assert "only 1 interview and 1 claim" in out
    with CaseFile.open(copy) as part:
        assert [i.uuid for i in part.interviews.page()] == [lead.interview]
        assert [c.uuid for c in part.claims.page()] == [lead.claim]


def test_refusals_are_one_line_and_change_nothing(
        capsys: pytest.CaptureFixture[str], lead: Story, tmp_path: Path) -> None:
    case_path = lead.path
    with CaseFile.open(case_path) as case:
        before_version = case.claims.get(lead.second).version
    taken = tmp_path / "taken.casefile"
    taken.write_text("someone's notes")
    code, out, err = run(capsys, "copy", case_path, "--out", taken)
    assert (code, out) == (1, "") and "exists; a field copy is always a new file" in err
    assert taken.read_text() == "someone's notes"
    code, _, err = run(capsys, "copy", case_path, "--out", case_path)
    assert code == 1 and "is the case file itself" in err
    code, _, err = run(capsys, "copy", case_path, "--out", tmp_path / "x.casefile", "--for",
                       "Nobody")
    assert code == 1 and "no team member 'Nobody'" in err and "Olga Petrova" in err
    assert not (tmp_path / "x.casefile").exists()
    code, _, err = run(capsys, "copy", case_path, "--out", tmp_path / "y.casefile",
                       "--interview", "not-a-uuid")
    assert code == 1 and "is not an interview id" in err
    code, _, err = run(capsys, "copy", case_path, "--out", tmp_path / "y.casefile",
                       "--claim", lead.interview)  # an interview is not a claim
    assert code == 1 and err.startswith("casefile: error:") and len(err.splitlines()) == 1
    assert not (tmp_path / "y.casefile").exists()
    code, _, err = run(capsys, "merge", case_path, tmp_path / "missing.casefile")
    assert code == 1 and "missing.casefile: no such file" in err
    code, _, err = run(capsys, "resolve", case_path, "abc", "--mine")
    assert code == 1 and "is not a conflict id" in err
    code, _, err = run(capsys, "resolve", case_path, str(uuid.uuid4()), "--mine")
    assert code == 1 and err.startswith("casefile: error:") and len(err.splitlines()) == 1
    with pytest.raises(SystemExit) as usage:  # one way to settle, not two
        main(["resolve", str(case_path), str(uuid.uuid4()), "--mine", "--theirs"])
    assert usage.value.code == 2
    capsys.readouterr()
    with CaseFile.open(case_path) as case:
        assert case.merges.peers() == [] and case.merges.open_count() == 0
        assert case.claims.get(lead.second).version == before_version


@pytest.mark.parametrize("option", [["--gps", "keep"], ["--keep-photo-metadata"],
                                    ["--include-protected-transcripts"]])
def test_a_share_option_without_share_is_refused(capsys: pytest.CaptureFixture[str],
                                                 lead: Story, tmp_path: Path,
                                                 option: list[str]) -> None:
    out = tmp_path / "c.casefile"
    code, said, err = run(capsys, "copy", lead.path, "--out", out, *option)
    assert (code, said) == (2, "") and f"{option[0]} only go with --share" in err
    assert not out.exists()  # no complete copy with the real names made instead
    code, _, err = run(capsys, "copy", lead.path, "--out", out, "--share", *option)
    assert code == 0, err
    with CaseFile.open(out) as shared:
        assert shared.sources.get(lead.secret).name != NAME


def test_conflicts_text_shows_crlf_and_controls_on_one_line(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    case_path = tmp_path / "crlf.casefile"
    with CaseFile.create(case_path, title="Windows transcript") as case:
        interview = case.interviews.create(title="Driver", transcript="Q: one?\r\nA: Base.")
    copy = tmp_path / "copy.casefile"
    assert run(capsys, "copy", case_path, "--out", copy)[0] == 0
    with CaseFile.open(copy) as theirs:
        theirs.interviews.update(interview.uuid, transcript="Q: one?\r\nA: There.\x07")
    with CaseFile.open(case_path) as mine:
        mine.interviews.update(interview.uuid, transcript="Q: one?\rA: Here.")
    assert run(capsys, "merge", case_path, copy)[0] == 0
    code, out, _ = run(capsys, "conflicts", case_path)
    assert code == 0 and "\r" not in out and "\x07" not in out
    lines = {line.split(":", 1)[0].strip(): line for line in out.splitlines()}
    assert lines["base"].endswith("Q: one?⏎ A: Base.")
    assert lines["here"].endswith("Q: one?⏎ A: Here.")
    assert "Q: one?⏎ A: There.^G" in lines["there"]
    code, out, _ = run(capsys, "conflicts", case_path, "--json")
    [conflict] = json.loads(out)["conflicts"]
    assert conflict["theirs"] == "Q: one?\r\nA: There.\x07"  # whole and exact in JSON


def test_an_encrypted_case_gives_an_encrypted_copy_that_merges(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    passphrase = "correct horse battery staple"
    monkeypatch.setenv("CASEFILE_PASSPHRASE", passphrase)
    case_path = tmp_path / "secret.casefile"
    assert run(capsys, "new", case_path, "--title", "Quiet story", "--encrypt")[0] == 0
    with CaseFile.open(case_path, passphrase=passphrase) as case:
        claim = case.claims.create(statement="The depot closed in May.")
    copy = tmp_path / "secret-copy.casefile"
    code, _, err = run(capsys, "copy", case_path, "--out", copy)
    assert code == 0, err
    assert driver.is_encrypted_file(copy)
    with CaseFile.open(copy, passphrase=passphrase) as theirs:
        theirs.claims.update(claim.uuid, statement="The depot closed on 3 May.")
    code, out, err = run(capsys, "merge", case_path, copy, "--json")
    assert code == 0, err
    assert json.loads(out)["open_conflicts"] == 0
    with CaseFile.open(case_path, passphrase=passphrase) as case:
        assert case.claims.get(claim.uuid).statement == "The depot closed on 3 May."


def test_the_console_script_reports_progress_on_stderr_only(lead: Story,
                                                           tmp_path: Path) -> None:
    copy = tmp_path / "olga.casefile"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CASEFILE_LANGUAGE="en")
    env.pop("CASEFILE_DEBUG", None)
    done = subprocess.run([sys.executable, "-m", "casefile", "copy", str(lead.path),
                           "--out", str(copy), "--json"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["path"] == str(copy)
    assert "casefile: copying:" in done.stderr
    done = subprocess.run([sys.executable, "-m", "casefile", "merge", str(lead.path),
                           str(copy)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "casefile: merging:" in done.stderr and "no conflicts are open" in done.stdout


def test_a_long_transcript_conflict_is_shown_where_it_differs(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    paragraphs = [f"Q: Question {i}?\n\nA: The trucks waited {i} hours at the gate."
                  for i in range(60)]
    case_path = tmp_path / "long.casefile"
    with CaseFile.create(case_path, title="Long interview") as case:
        interview = case.interviews.create(title="Driver", transcript="\n\n".join(paragraphs))
    copy = tmp_path / "copy.casefile"
    assert run(capsys, "copy", case_path, "--out", copy)[0] == 0

    def corrected(hours: str) -> str:
        return "\n\n".join(p.replace("waited 50 hours", f"waited {hours} hours")
                           for p in paragraphs)

    with CaseFile.open(copy) as theirs:
        theirs.interviews.update(interview.uuid, transcript=corrected("fifty"))
    with CaseFile.open(case_path) as mine:
        mine.interviews.update(interview.uuid, transcript=corrected("55"))
    assert run(capsys, "merge", case_path, copy)[0] == 0
    code, out, _ = run(capsys, "conflicts", case_path)
    assert code == 0 and "Transcript: changed on both sides" in out
    lines = {line.split(":", 1)[0].strip(): line for line in out.splitlines()}
    # each value is shown from just before the sentence the two sides corrected
    assert "waited 50 hours" in lines["base"] and "waited 55 hours" in lines["here"]
    assert "waited fifty hours" in lines["there"]
    assert all(len(lines[k]) < 500 and "characters in all" in lines[k]
               for k in ("base", "here", "there"))
    code, out, _ = run(capsys, "conflicts", case_path, "--json")
    [conflict] = json.loads(out)["conflicts"]
    assert conflict["theirs"] == corrected("fifty") and conflict["editable"] is True
    settled = tmp_path / "settled.txt"
    settled.write_text(corrected("fifty-five"), encoding="utf-8")
    code, out, err = run(capsys, "resolve", case_path, conflict["uuid"], "--value-file",
                         settled)
    assert code == 0, err
    assert "set to edited text" in out
    with CaseFile.open(case_path) as case:
        assert case.interviews.get(interview.uuid).transcript == corrected("fifty-five")
