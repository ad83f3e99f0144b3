"""Results folders written from Python keep what a user gave, as the command's do
(docs/cli.md, "The output folder"): a save replaces a file only when autoscalesim wrote it,
which the folder's marker ``.autoscalesim-results`` records (the command writes the same
marker, so ``--force`` accepts a folder saved from Python).
"""

from __future__ import annotations

import json
import os
import pathlib
from collections.abc import Iterable

MARKER = ".autoscalesim-results"


def _listed(folder: pathlib.Path) -> set[str]:
    """The files the folder's marker lists (none without a marker that reads as one)."""
    try:
        doc = json.loads((folder / MARKER).read_text())
    except (OSError, ValueError, RecursionError):  # (nested too deep for Python's reader)
        return set()
    files = doc.get("files") if isinstance(doc, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return set()
    return set(files)


def prepare(out: str | os.PathLike, names: Iterable[str], overwrite: bool = False) -> pathlib.Path:
    """Creates folder `out` (and missing parents) for the files `names` (relative, "/" between
    folders) and returns it. Raises NotADirectoryError when `out` is not a folder, and
    FileExistsError, naming them, when files of those names exist that autoscalesim did not
    write (unless `overwrite`): a user's own trace.csv or summary.json is never replaced
    silently."""
    if os.fspath(out) == "":
        raise ValueError("directory: expected a folder name, got '' (the current folder is "
                         "'.')")
    folder = pathlib.Path(out)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"{folder}: is not a folder")
    listed = _listed(folder)
    clash = sorted(n for n in names
                   if (folder / n).exists() or (folder / n).is_symlink())
    foreign = [n for n in clash if n not in listed or (folder / n).is_symlink()
               or not (folder / n).is_file()]
    if foreign and not overwrite:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5
                                          else "")
        raise FileExistsError(
            f"{folder}: already holds {shown}, which autoscalesim did not write (its marker "
            f"{MARKER} does not list them); choose another folder, move them, or pass "
            "overwrite=True to replace them")
    folder.mkdir(parents=True, exist_ok=True)
    _remove_stale(folder, listed - set(names))
    return folder


def _remove_stale(folder: pathlib.Path, stale: set[str]) -> None:
    """Removes the results an earlier save or command wrote (the marker lists them) that this
    save does not replace: left beside the new ones, they would describe another run (an old
    scenario.json reproducing another policy). A folder they leave empty goes too."""
    parents = set()
    for name in sorted(stale):
        if not _inside(folder, name):
            continue  # a marker from elsewhere may name anything: only files under the folder
        path = folder / name
        if path.is_file() and not path.is_symlink():
            path.unlink()
            parents.update(p for p in pathlib.PurePosixPath(name).parents if str(p) != ".")
    for sub in sorted(parents, key=lambda p: len(p.parts), reverse=True):
        try:
            (folder / sub).rmdir()  # only when empty
        except OSError:
            pass
    # mark() rewrites the marker after a save; this rewrite is for a save that fails before it:
    # a marker still listing a removed file would let a later save replace a user's file of
    # that name as if autoscalesim had written it.
    remaining = sorted(n for n in _listed(folder) if _inside(folder, n) and (folder / n).is_file())
    if (folder / MARKER).is_file():
        _write_marker(folder, remaining)


def _inside(folder: pathlib.Path, name: str) -> bool:
    """Whether marker entry `name` is a file under `folder` itself: relative, without "..",
    and reached through no link (whose target could be anywhere)."""
    rel = pathlib.PurePosixPath(name)
    if not name or rel.is_absolute() or "\\" in name or any(p in ("..", ".") for p in rel.parts):
        return False
    root = folder.resolve()
    return (root / rel).parent.resolve() == (root / rel).parent


def mark(folder: pathlib.Path, names: Iterable[str]) -> None:
    """Adds `names` to the folder's marker (replaced whole, never left half-written)."""
    _write_marker(folder, sorted({n for n in _listed(folder)
                                  if _inside(folder, n) and (folder / n).is_file()}
                                 | {n for n in names if (folder / n).is_file()}))


def _write_marker(folder: pathlib.Path, files: list) -> None:
    doc = {"written_by": "autoscalesim",
           "note": "a results folder: autoscalesim --force replaces it only while it holds "
                   "nothing but these files",
           "files": files}
    tmp = folder / f"{MARKER}.tmp-{os.getpid()}"
    tmp.write_text(json.dumps(doc, indent=2) + "\n")
    os.replace(tmp, folder / MARKER)
