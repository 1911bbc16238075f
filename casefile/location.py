"""Warnings about where a case file lives: network file systems and cloud-synced folders.

SQLite's locking and durability rely on the local file system. Over NFS/SMB locks can be
lost and a dropped connection can tear a write; a sync client (Dropbox, OneDrive…) may copy
the file mid-write or make "conflicted copies". Neither is refused — the reporter may have
no other disk — but both are named, with what to do instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NETWORK_TYPES = {
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "9p", "ceph", "glusterfs",
    "fuse.sshfs", "sshfs", "fuse.rclone", "fuse.gvfsd-fuse", "davfs", "fuse.davfs2",
    "webdav", "afpfs", "fuse.s3fs", "fuse.glusterfs", "fuse.cephfs", "lustre", "gpfs",
}
# Folder names sync clients create (compared without case).
CLOUD_FOLDERS = {
    "dropbox": "Dropbox", "onedrive": "OneDrive", "google drive": "Google Drive",
    "googledrive": "Google Drive", "my drive": "Google Drive", "icloud drive": "iCloud Drive",
    "mobile documents": "iCloud Drive", "cloudstorage": "a cloud storage provider",
    "nextcloud": "Nextcloud", "owncloud": "ownCloud", "pcloud drive": "pCloud",
    "yandex.disk": "Yandex Disk", "megasync": "MEGA", "synologydrive": "Synology Drive",
    "box": "Box", "tresorit": "Tresorit", "proton drive": "Proton Drive",
}


def _mounts() -> list[tuple[str, str]]:
    """(mount point, file-system type) of every mount, on Linux; empty elsewhere."""
    try:
        text = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found = []
    for line in text.splitlines():
        left, _, right = line.partition(" - ")
        fields, rest = left.split(), right.split()
        if len(fields) >= 5 and rest:
            point = fields[4].replace("\\040", " ").replace("\\011", "\t")
            found.append((point, rest[0]))
    return found


def _network_type(path: Path) -> str | None:
    """The network file system `path` is on, or None for a local one."""
    if sys.platform == "win32":
        text = str(path)
        if text.startswith(("\\\\", "//")):
            return "a network share"
        import ctypes

        drive = os.path.splitdrive(text)[0] + "\\"
        drive_remote = 4  # DRIVE_REMOTE
        if ctypes.windll.kernel32.GetDriveTypeW(drive) == drive_remote:  # type: ignore[attr-defined]
            return "a network drive"
        return None
    best, kind = "", ""
    text = str(path)
    for point, fstype in _mounts():
        inside = text == point or text.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fstype
    return kind if kind in NETWORK_TYPES else None


def _cloud(path: Path) -> str | None:
    for part in path.parent.parts:
        name = part.lower()
        for folder, service in CLOUD_FOLDERS.items():
            if name == folder or name.startswith((folder + " ", folder + "-", folder + "_")):
                return service
    return None


def location_warning(path: Path | str) -> str | None:
    """A sentence to show when `path` is on a network file system or in a synced folder;
    None when it is on a local disk."""
    path = Path(os.path.abspath(path))
    network = _network_type(path)
    if network:
        return (f"{path.name} is on a network file system ({network}). File locking and "
                "safe writing are not reliable there: two people opening it, or a connection "
                "dropping during a save, can damage it. Copy it to a local folder to work "
                "on it.")
    service = _cloud(path)
    if service:
        return (f"{path.name} is in a folder that {service} synchronises. A sync program can "
                "copy a case file while it is being written, or make conflicting copies, "
                "which can damage it. Keep case files in a local folder (Casefile keeps "
                "backups), and share with File → Export bundle.")
    return None
