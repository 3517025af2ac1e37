"""Settings: grouped by stage, built from the environment, a misspelt name is an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.config import GROUPS, RetrievalSettings, Settings, environment_names
from assistant.errors import ConfigError, one_line


def test_settings_are_grouped_by_stage_and_read_from_the_documented_variables(monkeypatch):
    monkeypatch.setenv("ASSISTANT_TOP_K", "8")
    monkeypatch.setenv("ASSISTANT_GENERATOR", "openai")
    monkeypatch.setenv("ASSISTANT_PORT", "7999")
    settings = Settings()
    assert set(GROUPS) == {"storage", "embedding", "ingest", "retrieval", "answering", "generator", "web"}
    assert settings.retrieval.top_k == 8
    assert settings.generator.backend == "openai"
    assert settings.web.port == 7999


def test_flat_keywords_go_to_their_group_and_override_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_TOP_K", "8")
    settings = Settings(top_k=3, store=tmp_path, generator="extractive")
    assert (settings.retrieval.top_k, settings.storage.store, settings.generator.backend) == (3, tmp_path, "extractive")
    grouped = Settings(retrieval=RetrievalSettings(top_k=9), rerank=False)
    assert (grouped.retrieval.top_k, grouped.retrieval.rerank) == (9, False)
    changed = settings.updated(top_k=4, chunk_size=300)
    assert (changed.retrieval.top_k, changed.ingest.chunk_size, changed.storage.store) == (4, 300, tmp_path)
    assert settings.retrieval.top_k == 3  # settings are frozen: updated() makes a copy


def test_a_misspelt_keyword_is_an_error():
    with pytest.raises(ValidationError, match="top_kk"):
        Settings(top_kk=3)


def test_a_misspelt_environment_variable_is_an_error_naming_the_closest_one(monkeypatch):
    monkeypatch.setenv("ASSISTANT_TOPK", "3")
    with pytest.raises(ConfigError, match=r"ASSISTANT_TOPK is not a setting \(did you mean ASSISTANT_TOP_K\?\)"):
        Settings()


def test_a_bad_value_is_one_line_naming_the_variable(monkeypatch):
    monkeypatch.setenv("ASSISTANT_TOP_K", "0")
    with pytest.raises(ValidationError) as info:
        Settings()
    assert one_line(info.value) == "ASSISTANT_TOP_K: Input should be greater than or equal to 1"


def test_every_variable_of_the_readme_is_a_setting():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    import re

    documented = set(re.findall(r"`(ASSISTANT_[A-Z_]+)`", readme))
    assert documented, "the README lists no setting"
    assert documented <= set(environment_names()), documented - set(environment_names())
