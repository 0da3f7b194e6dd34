"""Shared fixtures: the bundled seed, the gold-labelled corpus beside the repository."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "china-2007.txt"
CORPUS = ROOT.parent / "shared" / "corpus"


def gold_files() -> list[Path]:
    files = sorted(CORPUS.glob("*.gold.json"))
    assert files, f"gold fixtures not found in {CORPUS}"
    return files


def load_gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    assert CORPUS.is_dir(), f"{CORPUS} is missing"
    return CORPUS


@pytest.fixture
def mixed_corpus(tmp_path: Path) -> Path:
    """The seed and every fixture narrative in one folder."""
    folder = tmp_path / "narratives"
    folder.mkdir()
    for source in [SEED, *sorted(CORPUS.glob("*.txt"))]:
        (folder / source.name).write_bytes(source.read_bytes())
    return folder


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test indexes into its own cache folder, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder
