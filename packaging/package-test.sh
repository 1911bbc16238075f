#!/usr/bin/env bash
# Runs the frozen build the way a user would: no venv, no PYTHONPATH, an empty home folder,
# nothing but the system's /usr/bin and /bin on PATH. A missing data file or hidden import
# fails here, not on a reporter's laptop. Used by `make package-test` (and CI).
set -euo pipefail

DIST=${1:-dist/casefile}
DIST=$(cd "$DIST" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home"

run() {  # a frozen program in a clean environment
    env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
        "$@"
}
step() { printf '== %s\n' "$*"; }
fail() { printf 'package-test: FAILED: %s\n' "$*" >&2; exit 1; }

APP="$DIST/casefile-app"
CLI="$DIST/casefile"
[ -x "$CLI" ] || CLI="$DIST/casefile.exe"

step "versions"
app_version=$(run "$APP" --version)
cli_version=$(run "$CLI" --version)
[ "${app_version#Casefile }" = "${cli_version#casefile }" ] || fail "versions differ: $app_version / $cli_version"
case "$app_version" in *unknown*) fail "no version metadata in the bundle: $app_version";; esac
echo "$app_version"

step "the start screen (private empty settings: no last case) opens the sample case; every view visited"
run "$APP" --smoke >"$WORK/smoke.log" 2>&1 || { cat "$WORK/smoke.log"; fail "--smoke"; }
[ -f "$WORK/home/.local/share/Casefile/Sample case.casefile" ] || fail "no sample case made"
[ ! -e "$WORK/home/.config/Casefile/Casefile.conf" ] || fail "--smoke wrote the user's settings"
step "with settings given: the case opened last is reopened"
run "$APP" --smoke --settings "$WORK/settings.ini" >"$WORK/smoke.log" 2>&1 || { cat "$WORK/smoke.log"; fail "--smoke --settings"; }
grep -q "Sample case.casefile" "$WORK/settings.ini" || fail "the sample case is not in the recent list"
run "$APP" --first-window --settings "$WORK/settings.ini" >"$WORK/smoke.log" 2>&1 || { cat "$WORK/smoke.log"; fail "--first-window reopening the last case"; }

step "a bundle with photos: demo case → zip → a new case"
run "$CLI" demo "$WORK/demo.casefile"
run "$CLI" dump "$WORK/demo.casefile" --out "$WORK/story.zip"
python3 -m zipfile -l "$WORK/story.zip" >"$WORK/story.list"
grep -q '\.jpg' "$WORK/story.list" || fail "the bundle holds no photos"
run "$CLI" new "$WORK/story.casefile" --title "Amur border trade"
run "$CLI" import "$WORK/story.casefile" "$WORK/story.zip"
run "$CLI" info "$WORK/story.casefile" >"$WORK/info.txt"
cat "$WORK/info.txt"
# As many photos as the sample holds (read from the demo case, not written down here).
want=$("$CLI" info "$WORK/demo.casefile" | grep -o 'photos [0-9]*')
[ -n "$want" ] || fail "the demo case lists no photos"
grep -q "$want," "$WORK/info.txt" || fail "photos missing after import (want $want)"

step "a document from a file, CSL-JSON out"
run "$CLI" add-document "$WORK/story.casefile" "$WORK/info.txt"
run "$CLI" export-csl "$WORK/story.casefile" --out "$WORK/refs.json"

step "a bundle to share: identities withheld, photos without metadata"
run "$CLI" dump "$WORK/demo.casefile" --share --out "$WORK/shared.zip"
python3 -m zipfile -e "$WORK/shared.zip" "$WORK/shared"
if grep -q "Artyom Belov" "$WORK/shared/bundle.json"; then fail "protected name in the shared bundle"; fi
run "$CLI" new "$WORK/editor.casefile" --title "For the editor"
run "$CLI" import "$WORK/editor.casefile" "$WORK/shared.zip"

step "export the draft to Word and read it back"
run "$CLI" export "$WORK/story.casefile" --out "$WORK/draft.docx" --allow-blocking  # the sample draft keeps two weak claims on purpose
[ "$(stat -c %s "$WORK/draft.docx")" -gt 20000 ] || fail "the .docx is too small"
python3 -m zipfile -l "$WORK/draft.docx" >"$WORK/draft.list"
grep -q 'word/footnotes.xml' "$WORK/draft.list" || fail "no footnotes in the .docx"
run "$CLI" import-review "$WORK/story.casefile" "$WORK/draft.docx"
run "$CLI" check-draft "$WORK/story.casefile" >/dev/null || true  # exit 1 = blocking findings

step "check every stored file and the search index"
run "$CLI" check "$WORK/story.casefile"
run "$CLI" search "$WORK/story.casefile" trucks >"$WORK/hits.txt"
grep -q "Trucks" "$WORK/hits.txt" || fail "search found nothing"

step "the app opens the imported case"
run "$APP" --smoke "$WORK/story.casefile" >"$WORK/smoke2.log" 2>&1 || { cat "$WORK/smoke2.log"; fail "--smoke FILE"; }

step "an encrypted case file (SQLCipher in the bundle)"
secret="amur river at dawn"
runp() { env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    CASEFILE_PASSPHRASE="$secret" "$@"; }
runp "$CLI" new "$WORK/secret.casefile" --title "Encrypted" --encrypt
runp "$CLI" import "$WORK/secret.casefile" "$WORK/story.zip"
[ "$(head -c 15 "$WORK/secret.casefile")" != "SQLite format 3" ] || fail "not encrypted"
if grep -q "Petrov" "$WORK/secret.casefile"; then fail "plaintext in the encrypted file"; fi
runp "$CLI" check "$WORK/secret.casefile"
if run "$CLI" info "$WORK/secret.casefile" 2>"$WORK/err.txt"; then fail "opened without passphrase"; fi
grep -q "CASEFILE_PASSPHRASE" "$WORK/err.txt" || { cat "$WORK/err.txt"; fail "unclear error"; }
runp "$APP" --smoke "$WORK/secret.casefile" >"$WORK/smoke3.log" 2>&1 || { cat "$WORK/smoke3.log"; fail "--smoke encrypted"; }

step "a damaged file is a clear error, not a traceback"
printf 'not a case file' >"$WORK/junk.casefile"
if run "$CLI" info "$WORK/junk.casefile" 2>"$WORK/err.txt"; then fail "junk accepted"; fi
grep -q "not a Casefile case file" "$WORK/err.txt" || { cat "$WORK/err.txt"; fail "unclear error"; }
if grep -q Traceback "$WORK/err.txt"; then fail "traceback shown"; fi

step "backups, and recovering a damaged file"
run "$CLI" backups "$WORK/demo.casefile" --take >"$WORK/backups.txt"
grep -q "1 backups in $WORK/home" "$WORK/backups.txt" || { cat "$WORK/backups.txt"; fail "no backup in the user data folder"; }
run "$CLI" backups "$WORK/demo.casefile" --restore 1 --out "$WORK/restored.casefile"
run "$CLI" check "$WORK/restored.casefile"
cp "$WORK/demo.casefile" "$WORK/damaged.casefile"
printf '\377\377\377\377\377\377\377\377' | dd of="$WORK/damaged.casefile" bs=1 seek=0 conv=notrunc status=none
if run "$CLI" info "$WORK/damaged.casefile" 2>"$WORK/err.txt"; then fail "damaged file opened"; fi
grep -q "casefile recover" "$WORK/err.txt" || { cat "$WORK/err.txt"; fail "no way out named"; }
run "$CLI" recover "$WORK/damaged.casefile" --out "$WORK/recovered.casefile"
run "$CLI" check "$WORK/recovered.casefile"

[ ! -e "$WORK/home/.config/Casefile/Casefile.conf" ] || fail "an unattended run wrote the user's settings"
echo "package-test: all passed ($(du -sh "$DIST" | cut -f1) in $DIST)"
