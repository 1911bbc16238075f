#!/usr/bin/env bash
# What is left under opt/ and usr/ of a root after `dpkg --purge casefile`, one path a line:
# everything but the caches the triggers' tools wrote there (update-mime-database's files in
# usr/share/mime outside packages/, update-desktop-database's mimeinfo.cache; on a real
# system those tools rebuild them). The package's own MIME file, in usr/share/mime/packages,
# is not one of those: if it is left, it is listed. Used by packaging/package-test.sh.
#
#   left_after_purge.sh ROOT
set -euo pipefail
cd "${1:?left_after_purge.sh ROOT}"
dirs=()
for d in opt usr; do [ -e "$d" ] && dirs+=("$d"); done
[ ${#dirs[@]} -gt 0 ] || exit 0
find "${dirs[@]}" \( -type f -o -type l \) \
    ! \( -path 'usr/share/mime/*' ! -path 'usr/share/mime/packages/*' \) \
    ! -name mimeinfo.cache | sort
