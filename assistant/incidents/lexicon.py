"""The words of incident reports that the rules know: places, groups, numbers, people.

Domain vocabulary, not document-specific: the 34 provinces of Afghanistan with the
spellings found in press releases and gazetteers, the armed groups of the ISAF
annotation scheme (keys as in the ``strickvl/isafpressreleases`` labels) and the nouns that name people in such reports.
"""

from __future__ import annotations

import re

from ..language.dates import MONTHS, WEEKDAYS

# canonical name -> (label key, other spellings)
_PROVINCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Badakhshan": ("badakhshan", ("Badakshan",)),
    "Badghis": ("badghis", ()),
    "Baghlan": ("baghlan", ()),
    "Balkh": ("balkh", ()),
    "Bamyan": ("bamyan", ("Bamiyan",)),
    "Daykundi": ("day_kundi", ("Day Kundi", "Dai Kundi", "Daikundi")),
    "Farah": ("farah", ()),
    "Faryab": ("faryab", ()),
    "Ghazni": ("ghazni", ()),
    "Ghor": ("ghor", ()),
    "Helmand": ("helmand", ()),
    "Herat": ("herat", ()),
    "Jowzjan": ("jowzjan", ("Jawzjan", "Jowzjon")),
    "Kabul": ("kabul", ()),
    "Kandahar": ("kandahar", ("Qandahar",)),
    "Kapisa": ("kapisa", ()),
    "Khost": ("khost", ("Khowst", "Khwost")),
    "Kunar": ("kunar", ("Konar",)),
    "Kunduz": ("kunduz", ("Konduz", "Qunduz")),
    "Laghman": ("laghman", ()),
    "Logar": ("logar", ()),
    "Nangarhar": ("nangarhar", ()),
    "Nimroz": ("nimroz", ("Nimruz",)),
    "Nuristan": ("nuristan", ()),
    "Paktiya": ("paktya", ("Paktia", "Paktya")),
    "Paktika": ("paktika", ()),
    "Panjshir": ("panjshir", ("Panjsher",)),
    "Parwan": ("parwan", ()),
    "Samangan": ("samangan", ()),
    "Sar-e Pul": ("sar_e_pul", ("Sar-e-Pul", "Sari Pul", "Sar-i-Pul", "Sar-e Pol")),
    "Takhar": ("takhar", ()),
    "Uruzgan": ("uruzgan", ("Oruzgan", "Urozgan")),
    "Wardak": ("wardak", ("Maidan Wardak", "Maydan Wardak", "Wardag")),
    "Zabul": ("zabul", ()),
}


def _fold(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


_PROVINCE_BY_FOLD: dict[str, str] = {}
for _name, (_key, _others) in _PROVINCES.items():
    for _spelling in (_name, _key, *_others):
        _PROVINCE_BY_FOLD[_fold(_spelling)] = _name

PROVINCE_SPELLINGS: tuple[str, ...] = tuple(
    sorted({s for n, (_, o) in _PROVINCES.items() for s in (n, *o)}, key=len, reverse=True)
)
"""Every known spelling of every province, longest first (for regular expressions)."""


def canonical_province(name: str) -> str | None:
    """The canonical name of a known province in any known spelling or label key
    (``"paktia"``, ``"Paktya"``, ``"paktya"`` -> ``"Paktiya"``), else ``None``."""
    return _PROVINCE_BY_FOLD.get(_fold(name))


def province_key(name: str) -> str:
    """The comparison key of a province name: the label key of a known province
    (``"Paktiya"`` -> ``"paktya"``), else the name folded to lower-case letters."""
    canonical = canonical_province(name)
    return _PROVINCES[canonical][0] if canonical else _fold(name)


# group key -> (display name, regular expression over the text); order matters (TTP before Taliban)
TARGET_GROUPS: dict[str, tuple[str, str]] = {
    "ttp": ("Tehrik-e Taliban Pakistan", r"\bTehr[ei]e?k[- ]e[- ]Taliban\b|\bTTP\b"),
    "haqqani": ("Haqqani network", r"\bHaqqani\b"),
    "aq": ("al-Qaida", r"\bal[- ]Qa[e']?[i']?da\b|\bal[- ]Qaeda\b"),
    "hig": ("Hezb-e Islami Gulbuddin", r"\bHe?z[bi]-?[ei]?[- ]Islami(?:[- ]Gulbuddin)?\b|\bHIG\b"),
    "imu": ("Islamic Movement of Uzbekistan", r"\bIslamic Movement (?:of )?Uzbekistan\b|\bIMU\b"),
    "iju": ("Islamic Jihad Union", r"\bIslamic Jihad Union\b|\bIJU\b"),
    "let": ("Lashkar-e Taiba", r"\bLashkar[- ]e[- ]Tai?y?ba\b|\bLeT\b"),
    "isis": ("Islamic State", r"\bISIS\b|\bISIL\b|\bIslamic State\b|\bDaesh\b"),
    "taliban": ("Taliban", r"(?<!-)\bTaliban\b"),
}

_GROUP_ALIASES = {
    "haqqani network": "haqqani", "al qaida": "aq", "al qaeda": "aq", "alqaida": "aq", "alqaeda": "aq",
    "al-qaida": "aq", "al-qaeda": "aq", "hezb-e islami": "hig", "islamic movement of uzbekistan": "imu",
    "islamic state": "isis", "isil": "isis",
}


def group_key(name: str) -> str | None:
    """The key of a group named in any known way (``"al-Qaeda"`` -> ``"aq"``), else ``None``."""
    lowered = name.strip().lower()
    if lowered in TARGET_GROUPS:
        return lowered
    if lowered in _GROUP_ALIASES:
        return _GROUP_ALIASES[lowered]
    for key, (_, pattern) in TARGET_GROUPS.items():
        if re.fullmatch(pattern, name.strip(), flags=re.IGNORECASE):
            return key
    return None


# nouns that name the people an operation killed or detained
PERSON_HEADS = frozenset("""insurgent insurgents militant militants fighter fighters individual individuals man men
male males person persons people suspect suspects leader leaders commander commanders sub-commander sub-commanders
subcommander subcommanders facilitator facilitators financier financiers member members associate associates
advisor advisors adviser advisers expert experts specialist specialists taliban enemy attacker attackers occupant
occupants bomber bombers governor governors others deputy deputies team teams cell operative operatives
civilian civilians afghan afghans national nationals villager villagers""".split())
LEADER_HEADS = frozenset("leader leaders commander commanders sub-commander sub-commanders subcommander "
                         "subcommanders governor governors deputy deputies".split())
CIVILIAN_HEADS = frozenset("civilian civilians afghan afghans national nationals villager villagers".split())
FRIENDLY_WORDS = frozenset("""soldier soldiers service servicemember servicemembers troops troop police policeman
policemen officer officers marine marines personnel ana ansf isaf coalition army""".split())
"""Words that make a killed/detained person one of the security forces (not counted)."""

# Capitalised words that are never a person's name in these reports.
NOT_NAMES = frozenset("""afghan afghans afghanistan american americans isaf nato coalition international security
assistance force forces joint command army national police ansf ana anp ied ieds rpg rpgs us u.s usaid taliban haqqani
network islamic movement uzbekistan kabul province district village city hotel the a an in on at during after
before while when later following additionally initial intelligence based prior as he she his her they their it its
this that these those there no one two three also however finally separately meanwhile today yesterday
mullah maulawi
operation operations update release news government republic gen maj col lt capt sgt corps marine
unit special commander leader insurgent insurgents ministry interior defense defence""".split()) | set(MONTHS) | set(WEEKDAYS)
