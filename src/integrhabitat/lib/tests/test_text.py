import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from integrhabitat.lib.text import visible_text

INVISIBLE = ["\u202e", "\u202d", "\u2066", "\u2069", "\u200b", "\u200e", "\u200f", "\ufeff", "\u2060", "\u00ad",
             "\u061c", "\x00", "\x1b"]


def test_a_name_loses_what_cannot_be_seen_and_keeps_what_can():
    assert visible_text("\u202eZEREP") == "ZEREP"
    assert visible_text("Jo\u200bsé\u00ad  Pérez\t") == "José Pérez"
    assert visible_text("Mari\u0301a") == "María" == unicodedata.normalize("NFC", "María")
    assert visible_text("Ana\x00María\nLuz") == "Ana María Luz"
    assert visible_text("Jose\u200b\u0301") == "José"


def test_a_persian_name_keeps_its_zero_width_non_joiner_and_a_latin_one_does_not():
    persian = "\u0645\u06cc\u200c\u0646\u0627"  # "Mina" with ZWNJ between two Persian letters
    assert visible_text(persian) == persian
    assert visible_text("Ana\u200cMaría") == "AnaMaría"
    assert visible_text("\u200cAna") == "Ana"


@given(st.text(alphabet=st.one_of(st.sampled_from(INVISIBLE), st.characters(codec="utf-8")), max_size=60))
def test_no_format_or_control_character_survives_except_a_joiner_between_two_letters(text):
    cleaned = visible_text(text)
    for index, ch in enumerate(cleaned):
        category = unicodedata.category(ch)
        assert category != "Cc"
        if category == "Cf":
            assert ch in "\u200c\u200d" and cleaned[index - 1].isalpha() and cleaned[index + 1].isalpha()
    assert visible_text(cleaned) == cleaned
