#!/usr/bin/env bash
# Builds the Debian package from the frozen one-folder app that `make package` made:
#
#   bash packaging/build_deb.sh [DIST_DIR [OUT_DIR]]     (make deb)
#
# The package installs the app in /opt/casefile, `casefile` and `casefile-app` in /usr/bin,
# the menu entry, the MIME type of .casefile files, the AppStream metainfo and the icons
# (docs/packaging.md). Its Depends line is read from the frozen binaries themselves
# (packaging/linux/deb_depends.py). Needs dpkg-deb and a Python with PySide6 to draw the PNG
# icons from their SVGs ($PYTHON, else .build-venv's, else .venv's). Prints the .deb's path
# as its last line.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/.." && pwd)
LINUX="$HERE/linux"
DIST=$(cd "${1:-$TOP/dist/casefile}" && pwd)
OUT=$(mkdir -p "${2:-$TOP/dist}" && cd "${2:-$TOP/dist}" && pwd)
ID=org.casefile.Casefile
# Debian policy 5.6.2 wants "Name <e-mail>". The project has no mail host, so the address is
# on the reserved .invalid domain (RFC 2606): shaped right, never deliverable by accident.
MAINTAINER="Casefile maintainers <maintainers@casefile.invalid>"
fail() { printf 'build_deb: %s\n' "$*" >&2; exit 1; }

command -v dpkg-deb >/dev/null || fail "dpkg-deb not found (Debian's dpkg package)"
[ -x "$DIST/casefile-app" ] || fail "no frozen app in $DIST: run 'make package' first"
if [ -z "${PYTHON:-}" ]; then
    for candidate in "$TOP/.build-venv/bin/python" "$TOP/.venv/bin/python"; do
        [ -x "$candidate" ] && { PYTHON=$candidate; break; }
    done
fi
[ -n "${PYTHON:-}" ] || fail "no Python with PySide6 for the icons: set PYTHON"

# The version the frozen app reports, as a Debian version: PEP 440 pre-releases sort before
# the release there only with a tilde (0.2.0rc1 -> 0.2.0~rc1, 0.2.0.dev3 -> 0.2.0~dev3).
version=$(env -i HOME="${TMPDIR:-/tmp}" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen \
    "$DIST/casefile" --version)
version=${version#casefile }
public=${version%%+*}
debversion=$(printf '%s' "$public" | sed -E 's/\.?(a|b|rc|dev)([0-9]+)/~\1\2/g')
[ "$public" = "$version" ] || debversion="$debversion+${version#*+}"
printf '%s' "$debversion" | grep -Eq '^[0-9][A-Za-z0-9.+~]*$' \
    || fail "cannot make a Debian version of '$version'"
arch=$(dpkg --print-architecture)
deb="$OUT/casefile_${debversion}_${arch}.deb"

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
ROOT="$STAGE/casefile"
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
    "$ROOT/usr/share/metainfo" "$ROOT/usr/share/mime/packages" "$ROOT/usr/share/doc/casefile"

cp -a "$DIST" "$ROOT/opt/casefile"
# Relative links: they resolve the same in / and in a test root (packaging/package-test.sh).
ln -s ../../opt/casefile/casefile-app "$ROOT/usr/bin/casefile-app"
ln -s ../../opt/casefile/casefile "$ROOT/usr/bin/casefile"
install -m 644 "$LINUX/$ID.desktop" "$ROOT/usr/share/applications/$ID.desktop"
install -m 644 "$LINUX/$ID.metainfo.xml" "$ROOT/usr/share/metainfo/$ID.metainfo.xml"
install -m 644 "$LINUX/casefile-mime.xml" "$ROOT/usr/share/mime/packages/$ID.xml"
"$PYTHON" "$LINUX/render_icons.py" "$ROOT/usr" >/dev/null
cat >"$ROOT/usr/share/doc/casefile/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Casefile

Files: *
Copyright: The Casefile developers
License: GPL-3+
 This program is free software: you can redistribute it and/or modify it under the terms of
 the GNU General Public License as published by the Free Software Foundation, either
 version 3 of the License, or (at your option) any later version.
 .
 On Debian systems the full text of the license is in /usr/share/common-licenses/GPL-3.
 The bundled libraries and their licenses are listed in the app's About box and in
 docs/packaging.md of the source.
EOF
# The package's changelog (policy 12.7). The version has no Debian revision, so this is a
# native package and the file is changelog.gz; its date is SOURCE_DATE_EPOCH when set, so a
# rebuild of the same app gives the same file.
when=$(LC_ALL=C date -u -R -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}")
cat >"$STAGE/changelog" <<EOF
casefile ($debversion) unstable; urgency=medium

  * Casefile $version, packaged from the frozen one-folder app by
    packaging/build_deb.sh. What changed in the app: the About box and the
    release notes in /usr/share/metainfo/$ID.metainfo.xml.

 -- $MAINTAINER  $when
EOF
gzip -9n <"$STAGE/changelog" >"$ROOT/usr/share/doc/casefile/changelog.gz"

# Everything readable by all, programs and libraries executable; owned by root in the archive.
find "$ROOT" -type d -exec chmod 755 {} +
find "$ROOT" -type f -exec chmod go-w,a+r {} +
chmod 755 "$ROOT/opt/casefile/casefile-app"

libraries=$(python3 "$LINUX/deb_depends.py" "$DIST") || fail "cannot work out the Depends line"
depends=$(printf '%s\n' "$libraries" | sed -n 1p)
recommends="shared-mime-info, desktop-file-utils, hicolor-icon-theme"
wayland=$(printf '%s\n' "$libraries" | sed -n 2p)
[ -z "$wayland" ] || recommends="$recommends, $wayland"
installed_kb=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
cat >"$ROOT/DEBIAN/control" <<EOF
Package: casefile
Version: $debversion
Architecture: $arch
Maintainer: $MAINTAINER
Installed-Size: $installed_kb
Depends: $depends
Recommends: $recommends
Section: misc
Priority: optional
Description: case-file manager for field reporters
 Everything about one story - sources and the ground rules they spoke under,
 interviews and their quotes, photos, documents, the claims the story makes and
 the evidence behind each, requests for comment, and drafts - lives in one local
 case file (.casefile) that works without a network. Drafts export as attributed
 Word files with the evidence in footnotes; confidential sources never leave the
 case file by name. Includes the desktop app (casefile-app) and the command line
 (casefile).
EOF
# No maintainer scripts: the MIME database, the menu's MIME cache and the icon cache are
# refreshed by dpkg's file triggers, which shared-mime-info, desktop-file-utils and
# hicolor-icon-theme declare on the folders this package installs into.
(cd "$ROOT" && find opt usr -type f -print0 | sort -z | xargs -0 md5sum) >"$ROOT/DEBIAN/md5sums"
chmod 644 "$ROOT/DEBIAN/control" "$ROOT/DEBIAN/md5sums"

dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$deb" >/dev/null
printf 'build_deb: %s (%s, Depends: %s)\n' "$(basename "$deb")" \
    "$(du -h "$deb" | cut -f1)" "$depends" >&2
echo "$deb"
