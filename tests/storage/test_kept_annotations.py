"""The store keeps unpacked document annotations only until its next write."""


def test_kept_annotations_follow_a_changed_document(make_assistant, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    report = folder / "mill.txt"
    report.write_text("ORSK, Kestrany (June 5) - The old mill in Orsk burned down on Sunday.", encoding="utf-8")
    assistant = make_assistant()
    assistant.ingest([folder])
    store = assistant.store
    first = store.document_annotations(["mill", "absent"])
    assert set(first) == {"mill"}
    assert store.document_annotations(["mill"])["mill"] is first["mill"]  # kept, not unpacked again
    report.write_text("ORSK, Kestrany (June 6) - The mill was rebuilt. Its owner, Pavel Dorn, thanked the town.",
                      encoding="utf-8")
    assistant.ingest([folder])
    again = store.document_annotations(["mill"])["mill"]
    assert again is not first["mill"]
    assert len(again.sentences) == 2 and len(first["mill"].sentences) == 1


def test_kept_texts_and_versions_follow_a_changed_document(make_assistant, tmp_path):
    """The texts and current versions the store keeps between questions are dropped by the next
    write: a rewritten report is read and retrieved in its new version at once."""
    folder = tmp_path / "docs"
    folder.mkdir()
    report = folder / "mill.txt"
    report.write_text("ORSK, Kestrany (June 5) - The old mill in Orsk burned down on Sunday.", encoding="utf-8")
    assistant = make_assistant()
    assistant.ingest([folder])
    store = assistant.store
    first = store.document_texts(["mill", "absent"])
    assert set(first) == {"mill"} and "burned down" in first["mill"]
    assert store.document_texts(["mill"])["mill"] is first["mill"]  # kept, not read again
    vector = assistant.embedder.embed(["What happened to the mill?"])[0]
    old_version = store.query(vector, 3)[0].chunk.id.split(":")[1]  # ids: document:hash12:index
    assert store._kept_hashes({"mill"})["mill"].startswith(old_version)
    report.write_text("ORSK, Kestrany (June 6) - The mill was rebuilt by its owner, Pavel Dorn.", encoding="utf-8")
    assistant.ingest([folder])
    assert "rebuilt" in store.document_texts(["mill"])["mill"]
    passages = store.query(vector, 3)
    assert passages and all(p.chunk.id.split(":")[1] != old_version for p in passages)
    assert "rebuilt" in passages[0].chunk.text
