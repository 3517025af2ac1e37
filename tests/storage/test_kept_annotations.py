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
