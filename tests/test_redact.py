"""Redaction over messages written as the public writes them: personal details go, and the
helplines, roads, figures and dates that editors need stay."""

from __future__ import annotations

import pytest

from bot.store.redact import MAX_INPUT, redact

# (message, {label: [values that must be gone]}). Every value must vanish from the redacted text
# and its "[label]" must take its place.
REDACTED = [
    # phone numbers
    ("hi can some1 call me back on 07700 900123 pls", {"phone": ["07700 900123"]}),
    ("my mobile is 07700900123", {"phone": ["07700900123"]}),
    ("ring me 07700-900-123 after 6", {"phone": ["07700-900-123"]}),
    ("call me on +44 7700 900123 im abroad", {"phone": ["+44 7700 900123"]}),
    ("+447700900123 is my whatsapp", {"phone": ["+447700900123"]}),
    ("My number: +44 (0)20 7946 0018", {"phone": ["+44 (0)20 7946 0018"]}),
    ("landline (020) 7946 0018 or mob 07700 900 123",
     {"phone": ["(020) 7946 0018", "07700 900 123"]}),
    ("you can get me on 0161 496 0000 any time", {"phone": ["0161 496 0000"]}),
    ("tel 01632 960123", {"phone": ["01632 960123"]}),
    ("0044 7700 900 123 is my number", {"phone": ["0044 7700 900 123"]}),
    ("my number is 496 0000 call after 6", {"phone": ["496 0000"]}),
    ("text me on 7700 900123 (lost the 0 lol)", {"phone": ["7700 900123"]}),
    ("my cousin in france +33 6 12 34 56 78 saw it", {"phone": ["+33 6 12 34 56 78"]}),
    # e-mail addresses
    ("email me at jo.bloggs@example.co.uk", {"email": ["jo.bloggs@example.co.uk"]}),
    ("JOHN_SMITH99@HOTMAIL.COM pls reply", {"email": ["JOHN_SMITH99@HOTMAIL.COM"]}),
    ("my email is jo.bloggs at hotmail dot co dot uk",
     {"email": ["jo.bloggs at hotmail dot co dot uk"]}),
    ("send to jo_b(at)gmail(dot)com thanks", {"email": ["jo_b(at)gmail(dot)com"]}),
    # postcodes
    ("is there knife crime near CO1 1AA", {"postcode": ["CO1 1AA"]}),
    ("my postcode is sw1a 1aa", {"postcode": ["sw1a 1aa"]}),
    ("cv23dt area, any arrests there?", {"postcode": ["cv23dt"]}),
    ("we're in M1 2AB is that greater manchester police", {"postcode": ["M1 2AB"]}),
    ("B33 8TH had loads of police yesterday", {"postcode": ["B33 8TH"]}),
    # vehicle registrations
    ("there's a car AB12 CDE been parked outside for days", {"vehicle": ["AB12 CDE"]}),
    ("the registration was ab12cde", {"vehicle": ["ab12cde"]}),
    ("white transit LB69 XMT doing 90 on the A127", {"vehicle": ["LB69 XMT"]}),
    ("blue van reg P123 ABC keeps driving round", {"vehicle": ["P123 ABC"]}),
    ("old mini ABC 123D nicked from my drive", {"vehicle": ["ABC 123D"]}),
    ("number plate is XYZ 1 i think", {"vehicle": ["XYZ 1"]}),
    ("a bmw with plates W123 XYZ on it", {"vehicle": ["W123 XYZ"]}),
    ("I SAW THE CAR YD07 HJK AT THE PETROL STATION", {"vehicle": ["YD07 HJK"]}),
    # street addresses with a house number
    ("I live at 14 Acacia Avenue and theres dealing every night",
     {"address": ["14 Acacia Avenue"]}),
    ("drugs being sold outside 27a high street", {"address": ["27a high street"]}),
    ("flat 3, 27 Station Road has people coming and going",
     {"address": ["flat 3, 27 Station Road"]}),
    ("she lives at 3 rosemary close", {"address": ["3 rosemary close"]}),
    ("They broke into 9 Kings Rd last night", {"address": ["9 Kings Rd"]}),
    ("1 St Mary's Road has cars parked all over", {"address": ["1 St Mary's Road"]}),
    ("I live at 14 elm grove, leeds", {"address": ["14 elm grove"]}),
    ("12-14 Mill Lane is where the fights are", {"address": ["12-14 Mill Lane"]}),
    ("at 5 Church View someone is growing weed", {"address": ["5 Church View"]}),
    ("we are at 2 The Green, Writtle", {"address": ["2 The Green"]}),
    ("12 The Old Mill Lane has had 3 break ins", {"address": ["12 The Old Mill Lane"]}),
    ("my address is 101 Springfield Road", {"address": ["101 Springfield Road"]}),
    # names
    ("Hi my name is John Smith and I want to know about op sceptre", {"name": ["John Smith"]}),
    ("my name's priya, how many arrests were there", {"name": ["priya"]}),
    ("I'm called Dave and I found a knife in the park", {"name": ["Dave"]}),
    ("this is Kate Jones from Colchester, how many knives were seized", {"name": ["Kate Jones"]}),
    ("Hi, I'm Sarah. How many people were charged?", {"name": ["Sarah"]}),
    ("Hey it's Lucy, is this the police?", {"name": ["Lucy"]}),
    ("my son Tom was arrested in the operation can u tell me more", {"name": ["Tom"]}),
    ("Mr Patel next door keeps parking on the pavement", {"name": ["Patel"]}),
    ("how many weapons were handed in? Thanks, Mohammed Ali", {"name": ["Mohammed Ali"]}),
    ("Best wishes Anne-Marie O'Neil", {"name": ["Anne-Marie O'Neil"]}),
    # several at once, as people write
    ("my name is gary, 07700 900123, 14 Acacia Avenue CO1 1AA, car AB12 CDE",
     {"name": ["gary"], "phone": ["07700 900123"], "address": ["14 Acacia Avenue"],
      "postcode": ["CO1 1AA"], "vehicle": ["AB12 CDE"]}),
    ("my name is Gwendolyn Featherstonehaugh gwen.f@example.com",
     {"name": ["Gwendolyn Featherstonehaugh"], "email": ["gwen.f@example.com"]}),
    ("Hi this is Emma, email emma.w@example.com or 07700 900 456",
     {"name": ["Emma"], "email": ["emma.w@example.com"], "phone": ["07700 900 456"]}),
    # other identifiers
    ("DOB 01/02/1985 can u check if my details are held", {"date of birth": ["01/02/1985"]}),
    ("I was born on 3rd March 1985", {"date of birth": ["3rd March 1985"]}),
    ("NI number QQ 12 34 56 C", {"NI number": ["QQ 12 34 56 C"]}),
    ("my card 4111 1111 1111 1111 was used by someone else", {"number": ["4111 1111 1111 1111"]}),
    ("crime ref 47210012345 any update", {"number": ["47210012345"]}),
]

# Look-alikes that identify nobody: each message must come back exactly as written.
KEPT = [
    "Call Crimestoppers on 0800 555 111 anonymously",
    "is 0800 555 111 free from a mobile",
    "Is 101 the right number or 999?",
    "deaf people use 18001 101 right?",
    "what is 18000 for",
    "Action Fraud 0300 123 2040",
    "how many arrests on the A12 and M25",
    "the A12 3rd exit near colchester",
    "M25 2nd junction after the services",
    "M25 J28 closed due to police",
    "215 arrests were made and £40,000 seized",
    "did they really seize £1,500,000 worth of drugs",
    "what happened on 28/07/2020 and 2020-07-28",
    "it was 28 July 2020 in the operation",
    "it happened at 10:30 on 12.03.2024",
    "Operation Sceptre seized 800 knives in 2020",
    "were there 3 people in the park",
    "5 officers walk past my house every day",
    "I'm worried about knife crime in Essex",
    "This is Operation Sceptre right?",
    "my name is not important",
    "I am in danger",
    "USE 101 IF NOT AN EMERGENCY",
    "CALL 999 I NEED HELP",
    "I SAW A CAR ON THE M25 AND IT CRASHED",
    "what does CO1 mean on the map",
    "ps5 2nd hand being sold cheap, stolen?",
    "thanks",
    "Kind regards",
    "32 people charged and 97 convicted?",
    "how many in 2019 2020 and 2021",
]


@pytest.mark.parametrize(("message", "removed"), REDACTED, ids=[m for m, _ in REDACTED])
def test_personal_details_are_replaced_by_their_kind(message: str,
                                                     removed: dict[str, list[str]]) -> None:
    redacted = redact(message)
    for label, values in removed.items():
        for value in values:
            assert value not in redacted
            assert value.replace(" ", "") not in redacted.replace(" ", "")
        assert f"[{label}]" in redacted


@pytest.mark.parametrize("message", KEPT)
def test_look_alikes_survive(message: str) -> None:
    assert redact(message) == message


def test_the_table_is_big_enough() -> None:
    assert len(REDACTED) + len(KEPT) >= 50
    assert len({label for _, removed in REDACTED for label in removed}) >= 6


def test_text_around_a_redaction_is_kept() -> None:
    assert redact("call me on 07700 900123 about Operation Sceptre") == (
        "call me on [phone] about Operation Sceptre")


def test_a_helpline_does_not_shield_a_personal_number_written_right_after_it() -> None:
    # A greedy match across both would have kept the mobile as part of the helpline.
    redacted = redact("0800 555 111 07 700 900 123")
    assert redacted == "0800 555 111 [phone]"


def test_a_kept_date_does_not_shield_a_phone_number_written_before_it() -> None:
    # Found by fuzzing: the number's match ran on into the date, and the date was kept whole.
    assert redact("07356-570-440 28/07/2020") == "[phone] 28/07/2020"


def test_over_long_input_is_cut_at_a_word_boundary_before_redaction() -> None:
    message = "word " * (MAX_INPUT // 5 - 1) + "jo.bloggs@example.com"
    redacted = redact(message)
    assert "jo.bloggs" not in redacted and "example" not in redacted
    assert len(redacted) <= MAX_INPUT
