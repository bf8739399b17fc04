"""Values of the domain: party codes, slugs, leads, sources and channel ids."""

from __future__ import annotations

import uuid

import pycountry
import pytest
from pydantic import ValidationError

from tracker.domain.organisations import ORGANISATIONS
from tracker.domain.values import (
    _BY_ALPHA_2,
    _BY_ALPHA_3,
    MAX_SLUG,
    ChannelStatus,
    Confidence,
    InvalidValue,
    Lead,
    Level,
    Source,
    cameo_actor,
    channel_id,
    check_slug,
    party_code,
)

# --- parties -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "alpha_3"),
    [
        ("US", "USA"),
        ("USA", "USA"),
        ("us", "USA"),
        ("usa", "USA"),
        (" Us ", "USA"),
        ("CN", "CHN"),
        ("CHN", "CHN"),
        ("jp", "JPN"),
        ("GB", "GBR"),
    ],
)
def test_a_party_is_stored_as_its_iso_alpha_3_code(code: str, alpha_3: str) -> None:
    assert party_code(code) == alpha_3


def test_the_party_codes_are_pycountrys() -> None:
    # The table in values.py stands in for pycountry, which is slow to import and load.
    for country in pycountry.countries:
        assert party_code(country.alpha_2) == country.alpha_3
        assert party_code(country.alpha_3) == country.alpha_3
    assert len(_BY_ALPHA_2) == len(_BY_ALPHA_3) == len(pycountry.countries)


@pytest.mark.parametrize("code", ["\u212ae", "\u212aEN", "ss", " ß ", "ı\u0307s"])
def test_an_odd_code_is_looked_up_as_pycountry_looks_it_up(code: str) -> None:
    # Lowercased, as pycountry's indices are: the Kelvin sign lowercases to "k".
    text = code.strip().upper()
    if len(text) == 2:
        country = pycountry.countries.get(alpha_2=text)
    else:
        country = pycountry.countries.get(alpha_3=text)
    if country is None:
        with pytest.raises(InvalidValue):
            party_code(code)
    else:
        assert party_code(code) == country.alpha_3


@pytest.mark.parametrize("code", ["XX", "XXX", "USAA", "U", "", "840", "China", "U.S."])
def test_a_code_that_is_not_an_iso_country_is_refused_with_examples(code: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        party_code(code)

    message = str(refused.value)
    assert repr(code) in message
    assert "ISO 3166-1" in message
    assert "USA" in message
    assert "NATO" in message


# --- slugs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "slug",
    ["us-cn-commercial-wg", "mmca", "g20", "2023-talks", "a", "a" * MAX_SLUG, "x-1-y-2"],
)
def test_a_slug_of_lowercase_letters_digits_and_single_hyphens_is_accepted(slug: str) -> None:
    assert check_slug(slug) == slug


@pytest.mark.parametrize(
    "slug",
    [
        "US-CN-wg",
        "us cn wg",
        "us--cn",
        "-us-cn",
        "us-cn-",
        "us_cn",
        "us.cn",
        "üs-cn",
        "us-cn\n",
    ],
)
def test_a_slug_with_anything_but_lowercase_letters_digits_and_single_hyphens_is_refused(
    slug: str,
) -> None:
    with pytest.raises(InvalidValue, match="not a slug") as refused:
        check_slug(slug)

    assert "us-cn-commercial-wg" in str(refused.value)


def test_a_slug_longer_than_64_characters_is_refused_saying_its_length() -> None:
    with pytest.raises(InvalidValue) as refused:
        check_slug("a" * (MAX_SLUG + 1))

    assert "65 characters" in str(refused.value)
    assert "64" in str(refused.value)


def test_an_empty_slug_is_refused_as_required() -> None:
    with pytest.raises(InvalidValue, match="required"):
        check_slug("")


# --- channel ids ---------------------------------------------------------------------------------


def test_a_channel_id_is_the_uuid5_of_its_slug_and_never_changes() -> None:
    # The ids are stored: this namespace is part of the stored format.
    namespace = uuid.UUID("6f1d2c1e-5b0a-4c55-9d1e-3a7e3f2a9b10")

    assert channel_id("us-cn-commercial-wg") == uuid.uuid5(namespace, "us-cn-commercial-wg")
    assert channel_id("us-cn-commercial-wg") == channel_id("us-cn-commercial-wg")
    assert channel_id("us-cn-commercial-wg").version == 5


def test_different_slugs_have_different_channel_ids() -> None:
    assert channel_id("us-cn-commercial-wg") != channel_id("us-cn-export-controls")


def test_a_channel_id_is_refused_for_an_invalid_slug() -> None:
    with pytest.raises(InvalidValue):
        channel_id("Not A Slug")


# --- leads ---------------------------------------------------------------------------------------


def test_a_lead_is_read_as_party_equals_name() -> None:
    lead = Lead.parse("USA=Gina Raimondo")

    assert lead == Lead(party="USA", name="Gina Raimondo")
    assert str(lead) == "USA=Gina Raimondo"


def test_a_lead_party_is_normalised_and_spaces_around_the_parts_are_dropped() -> None:
    lead = Lead.parse(" cn = Wang Wentao ")

    assert lead.party == "CHN"
    assert lead.name == "Wang Wentao"


def test_a_lead_name_may_itself_contain_an_equals_sign() -> None:
    assert Lead.parse("USA=A=B").name == "A=B"


@pytest.mark.parametrize("text", ["Gina Raimondo", "USA=", "=Gina Raimondo", " = ", ""])
def test_a_lead_without_both_party_and_name_is_refused_with_an_example(text: str) -> None:
    with pytest.raises(InvalidValue, match="PARTY=NAME") as refused:
        Lead.parse(text)

    assert "USA=Gina Raimondo" in str(refused.value)


def test_a_lead_with_an_unknown_party_is_refused() -> None:
    with pytest.raises(ValidationError, match="ISO 3166-1"):
        Lead.parse("XX=Somebody")


def test_a_lead_is_frozen() -> None:
    lead = Lead.parse("USA=Gina Raimondo")

    with pytest.raises(ValidationError):
        lead.name = "Someone Else"  # type: ignore[misc]


# --- sources and enumerations --------------------------------------------------------------------


def test_a_source_has_medium_confidence_unless_told() -> None:
    source = Source(citation="https://example.org/readout")

    assert source.confidence is Confidence.MEDIUM
    assert source.quote is None


def test_a_source_needs_a_citation_and_refuses_unknown_fields() -> None:
    with pytest.raises(ValidationError):
        Source(citation="")
    with pytest.raises(ValidationError):
        Source(citation="x", url="https://example.org")  # type: ignore[call-arg]


def test_levels_and_statuses_are_written_as_the_design_names_them() -> None:
    assert [level.value for level in Level] == [
        "leader",
        "ministerial",
        "vice-ministerial",
        "senior-official",
        "expert",
        "working",
    ]
    assert [status.value for status in ChannelStatus] == [
        "proposed",
        "agreed",
        "active",
        "suspended",
        "concluded",
    ]


# --- organisations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "stored"), [("EU", "EU"), ("nato", "NATO"), (" Asean ", "ASEAN"), ("afu", "AFU")]
)
def test_an_organisation_is_a_party_stored_under_its_code(code: str, stored: str) -> None:
    assert party_code(code) == stored


def test_no_organisation_has_a_countrys_code() -> None:
    # A country's code keeps meaning the country: AU is Australia, AL Albania.
    for found in ORGANISATIONS:
        assert found.code.lower() not in _BY_ALPHA_2
        assert found.code.lower() not in _BY_ALPHA_3
        assert found.code == found.code.strip().upper()
        assert party_code(found.code) == found.code
    assert party_code("AU") == "AUS"


def test_every_organisation_is_listed_once_with_a_cameo_code_where_known() -> None:
    codes = [o.code for o in ORGANISATIONS]
    assert len(codes) == len(set(codes))
    assert {"EU", "NATO", "ASEAN", "AFU", "UN", "OSCE", "IAEA", "G7", "G20"} <= set(codes)
    for found in ORGANISATIONS:
        assert found.cameo is None or found.cameo.startswith("IGO"), found


@pytest.mark.parametrize(
    ("party", "cameo"),
    [("USA", "USA"), ("CHN", "CHN"), ("EU", "IGOEUREEC"), ("NATO", "IGOWSTNAT"), ("G20", None)],
)
def test_a_partys_cameo_actor_code(party: str, cameo: str | None) -> None:
    assert cameo_actor(party) == cameo
