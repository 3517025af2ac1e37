"""A name particle ("al", "e", "ye", "wa") joins a place name only as a whole word: the start
of the next word ("altogether", "was", "every", "yesterday") is not read into the name."""

from assistant.language.question import place_names


def test_particle_is_a_whole_word():
    assert place_names("How many goats reached Pellin town altogether?") == ["Pellin"]
    assert place_names("How many goats arrived in Pellin town altogether?") == ["Pellin"]
    assert place_names("Who was seen in Dravok was it a patrol?") == ["Dravok"]
    assert place_names("What burned in Sorrel village yesterday?") == ["Sorrel"]
    assert place_names("Which roads of Tamsy valley every winter close?") == ["Tamsy"]


def test_particles_still_join_names():
    assert place_names("What happened in Qarn al-Mira district?") == ["Qarn al-Mira"]
    assert place_names("Which wells of Dah e Noor district dried up?") == ["Dah e Noor"]
    assert place_names("Who lives in Kala-ye Sefid village?") == ["Kala-ye Sefid"]


def test_a_question_word_before_a_place_is_no_part_of_its_name():
    assert place_names("Which Dorn province districts had roads closed?") == ["Dorn"]
    assert place_names("What Selvy district villages were shelled?") == ["Selvy"]
    assert place_names("How many Ostra province reports name a bridge?") == ["Ostra"]
