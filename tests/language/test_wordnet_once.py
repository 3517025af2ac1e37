"""One WordNet per folder in a process: the words' stages (``wordnet()``) read the indexes the
warm-up read through the settings' folder (``wordnet("/usr/share/wordnet")``), not a second copy."""

from assistant.config import Settings
from assistant.language.wordnet import DEFAULT_FOLDER, wordnet


def test_the_default_folder_and_the_settings_folder_are_one_wordnet():
    assert wordnet() is wordnet(str(DEFAULT_FOLDER)) is wordnet(str(Settings().answering.wordnet_dir))
    warmed = wordnet(str(Settings().answering.wordnet_dir))
    warmed.warm()
    assert {"noun", "verb", "adj"} <= set(wordnet()._index)  # as the answerer's word matching reads it
