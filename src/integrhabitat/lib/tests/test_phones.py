from integrhabitat.lib.phones import to_e164


def test_spellings_of_one_number_become_the_same_e164():
    spellings = ["300 123 4567", "(300) 123-4567", "+57 300 123 4567", "573001234567", " +57-300-123-4567 "]
    assert {to_e164(s, "CO") for s in spellings} == {"+573001234567"}


def test_a_number_with_its_own_country_code_keeps_it_whatever_the_centers_country():
    assert to_e164("+58 412 555 0101", "CO") == to_e164("+58 412 555 0101", "PE") == "+584125550101"


def test_what_is_not_a_valid_number_is_empty_so_it_never_compares_equal():
    for value in ["", "no tiene", "12345", "+1 (999) 573001234567", "3001234567 3001234567", "+57"]:
        assert to_e164(value, "CO") == ""
    assert to_e164("300 123 4567", "") == ""  # no country to read it with
