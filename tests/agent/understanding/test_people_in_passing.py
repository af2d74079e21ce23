"""Names and parties as people mention them in passing."""

import pytest

from agent.understanding.people import (
    Party,
    find_last_name,
    find_mentioned_name,
    find_party,
    find_person_name,
)


@pytest.mark.parametrize(
    ("text", "full"),
    [
        ("Flexible rate, Victor Hale, victor.hale@example.com", "Victor Hale"),
        ("flexibel rate pls. tom becker tom.becker@example.com", "Tom Becker"),
        ("Bed and breakfast. Guest is Fatima Zahra, fatima.zahra@example.com", "Fatima Zahra"),
        ("Lucia Ferreira - lucia.ferreira@example.com", "Lucia Ferreira"),
        ("for my colleague Paul Quinn, paul.quinn@example.com", "Paul Quinn"),
    ],
)
def test_a_name_standing_alone_in_a_clause(text: str, full: str) -> None:
    name = find_person_name(text)
    assert name is not None and name.full == full


@pytest.mark.parametrize("text", ["Sounds Good, Thanks", "Standard Queen Please", "I Need A Room"])
def test_capitalised_phrases_that_are_not_names(text: str) -> None:
    assert find_person_name(text) is None


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("It's HV1005, last name Okafor.", "Okafor"),
        ("hey, booking hv1005 under okafor", "Okafor"),
        ("I need to cancel reservation HV1006, name Tanaka.", "Tanaka"),
        ("Carter here, HV1001. Could I get a bathrobe?", "Carter"),
        ("Tanaka. booking number HV1006", "Tanaka"),
    ],
)
def test_surnames_given_to_prove_a_booking(text: str, last: str) -> None:
    assert find_last_name(text, with_code=True) == last


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("I've got a Ms. Shah arriving today", "Shah"),
        ("What's on John Carter's folio?", "Carter"),
        ("Is Sofia Rossi due out today?", "Rossi"),
        ("The Meyer family with the two kids", "Meyer"),
        ("The Wagners' heating failed last night.", "Wagner"),
        ("Haddad has had his car in our garage since Sunday", "Haddad"),
        ("The lady from the suite is at the desk - Rossi. How much is outstanding?", "Rossi"),
    ],
)
def test_guests_named_in_passing_by_staff(text: str, last: str) -> None:
    name = find_mentioned_name(text)
    assert name is not None and name.last == last


def test_a_first_name_alone_is_not_taken_for_a_guest() -> None:
    assert find_mentioned_name("Tom says 301 is done") is None


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("A double room from 10 March to 12 March for two, please.", Party(2, None)),
        ("a deluxe king april 20 - 23 for 2 ppl", Party(2, None)),
        ("two parents, three children", Party(2, 3)),
        ("mum dad and two little ones", Party(2, 2)),
        ("Two grown-ups and their 8 year old", Party(2, 1)),
        ("the four of us - the kids (they're 6 and 9) and my husband", Party(2, 2)),
        ("Walk-in couple at reception", Party(2, None)),
        ("only for me alone", Party(1, None)),
        ("for 2 nights", Party(None, None)),
        ("a booking for my colleague", Party(None, None)),
    ],
)
def test_party_sizes(text: str, party: Party) -> None:
    assert find_party(text) == party


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("Booking RL1006, name Álvarez - please cancel it.", "Álvarez"),
        ("It's RL1005, surname Müller.", "Müller"),
        ("booking RL1005 under øvrebø", "Øvrebø"),
    ],
)
def test_a_surname_written_with_accents(text: str, last: str) -> None:
    assert find_last_name(text, with_code=True) == last


@pytest.mark.parametrize(
    ("text", "full", "last"),
    [
        ("This is Annelies de Vries, reservation RL1009.", "Annelies de Vries", "de Vries"),
        ("My name is Ludwig van Beethoven", "Ludwig van Beethoven", "van Beethoven"),
        ("I'm José da Silva and I need a room", "José da Silva", "da Silva"),
        ("This is Chloé Durand, booking RL1002", "Chloé Durand", "Durand"),
    ],
)
def test_a_surname_with_a_particle_or_accents(text: str, full: str, last: str) -> None:
    name = find_person_name(text)
    assert name is not None and (name.full, name.last) == (full, last)
