"""Phone numbers in one spelling, E.164 (`+573001234567`), so that `300 123 4567`, `(300) 123-4567` and
`+57 300 123 4567` typed at a Colombian center compare equal, and a number that only ends like another
does not."""

import phonenumbers


def to_e164(value: str, country: str = "") -> str:
    """`value` in E.164, reading a number written without its country code as one of `country` (an ISO
    3166 code such as "CO"); "" when it is not a valid phone number (too short, too long, not a number of
    any numbering plan), so that nothing unreadable ever compares equal to anything."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, (country or "").upper() or None)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
