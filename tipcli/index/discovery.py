"""Finding the corpus: --corpus, else $TIP_CORPUS, else the bundled seeds."""

from __future__ import annotations

import os
from pathlib import Path

from tipcli.errors import CorpusError

CORPUS_ENV = "TIP_CORPUS"


def bundled_seeds() -> Path:
    """The bundled seeds folder: inside the wheel, or the repository's in a source checkout.

    Found by path, not importlib.resources: importing that costs about 25 ms per run.
    """
    package = Path(__file__).parent.parent
    packaged = package / "_seeds"
    if packaged.is_dir():
        return packaged
    return package.parent / "seeds"


def corpus_path(option: str | None) -> Path:
    """The corpus to read: --corpus, else $TIP_CORPUS, else the bundled seeds."""
    chosen = option or os.environ.get(CORPUS_ENV) or None
    if chosen is None:
        return bundled_seeds()
    path = Path(chosen).expanduser()
    if not path.exists():
        origin = "--corpus" if option else f"${CORPUS_ENV}"
        raise CorpusError(
            f"{chosen}: no such file or folder (from {origin})",
            "give the path of a narrative .txt file or of a folder of them",
        )
    return path
