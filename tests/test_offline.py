"""The suite itself must not reach the network, and the model must load from its package."""

import socket

import pytest
from pytest_socket import SocketBlockedError, SocketConnectBlockedError


def test_outside_connections_are_blocked():
    with pytest.raises((SocketBlockedError, SocketConnectBlockedError)):
        socket.create_connection(("93.184.216.34", 80), timeout=1)


def test_embedding_model_loads_from_installed_package(embedder):
    from assistant.config import Settings

    path = Settings().embedding.model_path()
    assert "site-packages" in str(path) and path.is_dir()
    vectors = embedder.embed(["34 airstrikes", "coalition aircraft conducted airstrikes"])
    assert vectors.shape == (2, 384)
    assert float(vectors[0] @ vectors[1]) > 0.5
