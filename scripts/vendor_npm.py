"""Fetch the browser libraries the site serves itself (package.json, "vendor"), pinned and checked.

Each entry names an npm package, its exact version, the integrity hash of its tarball (the
``sha512-…`` that the registry publishes and package-lock.json would record) and the files to keep.
`npm pack` fetches the tarball through the machine's own npm (its registry, proxy and cache); this
script refuses it unless its SHA-512 is the pinned one, then extracts only the files named into the
entry's folder (``vendor/…``, not committed), from which the build copies them into the site.

Why not ``npm ci``: the CMS's package depends on React, webpack loaders and 700 more packages that
its ``dist/`` bundle already contains — 390 MB installed for 6 MB served. The tarball alone is 16 MB.

Run by ``make`` (the .venv stamp); by hand: ``.venv/bin/python scripts/vendor_npm.py``.
Exit 0 done (or already there), 1 a hash mismatch or a failed download, 2 npm missing.
"""

import base64
import fnmatch
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAMP = ".vendored.json"  # inside each folder: what was extracted, so that a second run does nothing
MAX_FILE = 64 * 1024 * 1024  # a member larger than this is refused (a tarball is data from the network)


def main() -> int:
    entries = json.loads((ROOT / "package.json").read_text(encoding="utf-8")).get("vendor", {})
    status = 0
    for name, entry in entries.items():
        status = max(status, vendor(name, entry))
    return status


def vendor(name: str, entry: dict) -> int:
    into = ROOT / entry["into"]
    wanted = {"package": name, "version": entry["version"], "integrity": entry["integrity"]}
    if _stamp(into) == wanted:
        return 0
    if shutil.which("npm") is None:
        print(f"Không có npm: chưa tải {name} (trang quản trị admin/ sẽ không được dựng). / "
              f"npm not found: {name} not fetched (the admin/ page will not be built).", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        done = subprocess.run(["npm", "pack", f"{name}@{entry['version']}", "--silent", "--pack-destination", scratch],
                              capture_output=True, text=True, cwd=scratch)
        tarballs = list(Path(scratch).glob("*.tgz"))
        if done.returncode != 0 or len(tarballs) != 1:
            print(f"Không tải được {name}@{entry['version']}: {done.stderr.strip()[-500:]} / "
                  f"Could not fetch {name}@{entry['version']}.", file=sys.stderr)
            return 1
        tarball = tarballs[0]
        found = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if found != entry["integrity"]:
            print(f"{name}@{entry['version']}: mã băm {found} khác mã đã ghi trong package.json ({entry['integrity']}); "
                  f"không dùng. / hash mismatch with package.json; refused.", file=sys.stderr)
            return 1
        staging = Path(tempfile.mkdtemp(prefix=".vendor-", dir=into.parent if into.parent.exists() else None))
        try:
            count = _extract(tarball, entry["files"], staging)
            (staging / STAMP).write_text(json.dumps(wanted) + "\n", encoding="utf-8")
            into.parent.mkdir(parents=True, exist_ok=True)
            if into.exists():
                shutil.rmtree(into)
            os.replace(staging, into)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    print(f"Đã tải {name}@{entry['version']} ({count} tệp) vào {entry['into']}/. / "
          f"Fetched {name}@{entry['version']} ({count} files) into {entry['into']}/.")
    return 0


def _extract(tarball: Path, patterns, target: Path) -> int:
    """Copy the regular files of the tarball that match ``patterns`` (paths under ``package/``) into
    ``target``, flat: a name with '..' or an absolute path can match nothing and is never written."""
    count = 0
    with tarfile.open(tarball, "r:gz") as archive:
        for member in archive:
            if not member.isreg() or not member.name.startswith("package/") or member.size > MAX_FILE:
                continue
            inner = member.name[len("package/"):]
            if ".." in inner.split("/") or not any(fnmatch.fnmatchcase(inner, p) for p in patterns):
                continue
            with archive.extractfile(member) as source, open(target / Path(inner).name, "wb") as out:
                shutil.copyfileobj(source, out)
            count += 1
    return count


def _stamp(folder: Path):
    try:
        return json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


if __name__ == "__main__":
    sys.exit(main())
