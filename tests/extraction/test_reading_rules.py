"""How the extractor reads the shapes of sentences readouts and news copy use: names with an
abbreviation, dates listed together, the meeting a sentence refers back to, the object of
"the resumption of", relative clauses, third parties' bodies and multilateral gatherings.

The sentences are made up for these tests (none is from the gold set), so that each rule is
checked on words it was not tuned on.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.domain.dates import FuzzyDate
from tracker.extraction.catalogue import Catalogue, KnownChannel, KnownFact
from tracker.extraction.dates import find_dates
from tracker.extraction.extractor import extract
from tracker.extraction.mentions import mentions_in
from tracker.extraction.openings import NO_PARTIES
from tracker.extraction.places import parties_in
from tracker.extraction.rhythms import level_in

PUBLISHED = dt.date(2022, 3, 10)  # a Thursday
MARITIME = KnownChannel(
    slug="ph-vn-maritime-talks",
    titles=("Philippines–Vietnam maritime consultations",),
    parties=("PHL", "VNM"),
    topics=("maritime",),
    facts=(KnownFact("open", FuzzyDate.parse("2010")),),
)
PROPOSED = KnownChannel(
    slug="ca-mx-energy-dialogue",
    titles=("Canada–Mexico Energy Dialogue",),
    parties=("CAN", "MEX"),
    topics=("energy",),
    status="proposed",
    facts=(KnownFact("open", FuzzyDate.parse("2021")),),
)


def read(text: str, catalogue: Catalogue | None = None) -> list[tuple[str, str, str]]:
    found = extract(text, PUBLISHED, catalogue or Catalogue())
    return [(p.command, p.slug, p.on) for p in found]


def test_a_name_with_its_abbreviation_before_a_lower_case_noun_is_one_channel() -> None:
    [mention] = [
        m
        for m in mentions_in("Canada and Mexico will hold the Joint Energy Planning (JEP) talks.")
        if m.named
    ]
    assert (mention.text, mention.abbreviation, mention.noun) == (
        "Joint Energy Planning talks",
        "JEP",
        "talks",
    )


def test_the_abbreviation_and_a_meeting_of_the_name_find_the_channel_named_first() -> None:
    article = (
        "Canada and Mexico will hold the Joint Energy Planning (JEP) dialogue in Ottawa on "
        "March 14.\n\nThe last round of JEP dialogue was held in Mexico City in May 2019.\n\n"
        "The fourth meeting of the Joint Energy Planning was held in Ottawa in 2018."
    )
    slugs = {slug for _, slug, _ in read(article)}
    assert len(slugs) == 1, slugs


def test_dates_listed_together_share_the_year_and_give_a_meeting_each() -> None:
    past = find_dates("They met in March and October 2015.", PUBLISHED, future=False)
    assert [str(m.date) for m in past] == ["2015-03", "2015-10"]
    found = read(
        "Canada and Mexico said the North American Energy Dialogue was held in 2016 and 2018."
    )
    assert [(kind, on) for kind, _, on in found if kind == "meet"] == [
        ("meet", "2016"),
        ("meet", "2018"),
    ]


@pytest.mark.parametrize(
    ("sentence", "on"),
    [
        ("The last meeting was in Hanoi in 2019.", "2019"),
        ("They were halted after the last meeting in 2017.", "2017"),
        ("The consultations have not been held since November 2018.", "2018-11"),
    ],
)
def test_a_meeting_told_by_the_last_meeting_is_of_the_channel_spoken_of(
    sentence: str, on: str
) -> None:
    article = f"Manila and Hanoi suspended their maritime consultations.\n\n{sentence}"
    found = read(article, Catalogue.of([MARITIME]))
    assert ("meet", "ph-vn-maritime-talks", on) in found


def test_the_resumption_of_something_else_is_no_resumption_of_the_channel_named() -> None:
    text = (
        "Following the fifth meeting of the Philippines–Vietnam Maritime Consultations, both "
        "sides agreed on the resumption of fishing patrols."
    )
    assert [f for f in read(text, Catalogue.of([MARITIME])) if f[0] == "resume"] == []


def test_a_plan_in_its_own_clause_is_of_the_channel_referred_to_not_of_a_described_one() -> None:
    article = (
        "The Philippines–Vietnam Maritime Consultations met in Manila on Tuesday.\n\n"
        "Both sides agreed to strengthen mechanisms for naval and coast guard negotiations, "
        "with plans for a follow-up meeting in Hanoi next year."
    )
    plans = [f for f in read(article, Catalogue.of([MARITIME])) if f[0] == "plan"]
    assert plans == [("plan", "ph-vn-maritime-talks", "2022-03-09/2022-03-10")]


def test_what_which_stands_for_is_what_a_relative_clause_opened() -> None:
    text = (
        'Dubbed the "Energy Policy Dialogue," it grew from the so-called "Energy Forum," '
        "which Canada and Mexico agreed to create in 2019."
    )
    opened = [(p.slug, p.on) for p in extract(text, PUBLISHED, Catalogue()) if p.command == "open"]
    assert ("ca-mx-energy-forum", "2019") in opened
    assert all(on != "2019" for slug, on in opened if "policy" in slug)


def test_an_agreement_to_resume_at_an_early_date_states_no_fact() -> None:
    text = "The two leaders agreed to resume the maritime consultations at an early date."
    assert read(text, Catalogue.of([MARITIME])) == []


def test_the_day_a_plan_was_reported_is_not_its_window() -> None:
    text = "Ministers agreed to hold the maritime consultations soon, the sources said Saturday."
    assert read(text, Catalogue.of([MARITIME])) == []


def test_agreeing_to_hold_a_proposed_channel_without_a_time_agrees_it() -> None:
    text = "Canada and Mexico agreed on March 7 to hold the energy dialogue."
    assert read(text, Catalogue.of([PROPOSED])) == [
        ("agree", "ca-mx-energy-dialogue", "2022-03-07")
    ]


def test_an_undated_fact_is_dated_to_the_news_days_stated_anywhere_in_the_article() -> None:
    article = (
        "Canada and Mexico agreed to launch an annual Energy Transition Dialogue.\n\n"
        "The announcement came after the ministers met in Ottawa on Tuesday."
    )
    opening = next(p for p in extract(article, PUBLISHED, Catalogue()) if p.command == "open")
    assert opening.on == "2022-03-08"


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Sino-US talks", ["CN", "US"]),
        ("the Indo-Pak dialogue", ["IN", "PK"]),
        ("Việt Nam and Japan", ["VN", "JP"]),
        ("the Indo-Pacific strategy", []),
    ],
)
def test_combining_forms_and_accented_names_are_parties(text: str, parties: list[str]) -> None:
    assert parties_in(text) == parties


def test_a_third_partys_own_body_and_a_multilateral_gathering_are_no_channels() -> None:
    article = (
        "Canada and Mexico held the North American Energy Dialogue in Ottawa on Tuesday.\n\n"
        "The Canadian minister will meet on March 15 with the EU Energy Council.\n\n"
        "The ministers also discussed the upcoming G20 Summit scheduled to take place in July."
    )
    slugs = {slug for _, slug, _ in read(article)}
    assert len(slugs) == 1, slugs


TALKS = KnownChannel(
    slug="ph-vn-coast-guard-talks",
    titles=("Coast Guard Cooperation Mechanism talks",),
    parties=("PHL", "VNM"),
    lead_names=("Maria Santos", "Nguyen Van An"),
    facts=(KnownFact("open", FuzzyDate.parse("2015")),),
)


def test_a_resumption_and_the_suspension_a_participle_states_are_each_dated_their_own() -> None:
    text = (
        "The two navies agreed on Monday to resume the Coast Guard Cooperation Mechanism "
        "talks, suspended since May 2019."
    )
    found = read(text, Catalogue.of([TALKS]))
    assert ("resume", "ph-vn-coast-guard-talks", "2022-03-07") in found
    assert ("suspend", "ph-vn-coast-guard-talks", "2019-05") in found


def test_a_lead_is_not_named_by_a_namesake_with_another_given_name() -> None:
    catalogue = Catalogue.of([TALKS])
    assert read("Nguyen Thi Binh met Ricardo Santos in Manila on Monday.", catalogue) == []
    assert read("Maria Santos met Nguyen in Manila on Monday.", catalogue) == [
        ("meet", "ph-vn-coast-guard-talks", "2022-03-07")
    ]


def test_the_year_a_gap_began_is_not_the_day_a_meeting_was_held() -> None:
    text = (
        "The Coast Guard Cooperation Mechanism talks held their first round since 2017 in "
        "Manila on Tuesday."
    )
    assert read(text, Catalogue.of([TALKS])) == [("meet", "ph-vn-coast-guard-talks", "2022-03-08")]


def test_a_meeting_is_its_subjects_though_a_clause_naming_others_stands_between() -> None:
    text = (
        "The Coast Guard Cooperation Mechanism talks, set up under the direction of Maria "
        "Santos and Nguyen Van An, held their fourth round on March 1."
    )
    found = extract(text, PUBLISHED, Catalogue.of([TALKS]))
    assert [(p.command, p.on) for p in found if p.command == "meet"] == [("meet", "2022-03-01")]
    # the setting up is not dated by the meeting whose sentence it stands in
    [opening] = [p for p in found if p.command == "open"]
    assert "undated in its sentence" in (opening.quote.note or "")


def test_a_suspension_after_the_last_meeting_is_dated_by_it() -> None:
    article = (
        "The Coast Guard Cooperation Mechanism talks began in 2015.\n\n"
        "They were suspended after the last meeting in 2018."
    )
    found = read(article, Catalogue.of([TALKS]))
    assert ("suspend", "ph-vn-coast-guard-talks", "2018") in found
    assert ("meet", "ph-vn-coast-guard-talks", "2018") in found


def test_a_proposed_slug_keeps_the_letters_of_every_word() -> None:
    found = extract(
        "Canada and Mexico held a new round of consultations on Asia-Pacific affairs on Monday.",
        PUBLISHED,
        Catalogue(),
    )
    assert {p.slug for p in found} == {"ca-mx-asia-pacific-affairs-consultations"}


def test_a_change_told_in_the_pluperfect_is_a_fact_not_a_habit() -> None:
    text = "The maritime consultations had been frozen since June 2020."
    assert read(text, Catalogue.of([MARITIME])) == [("suspend", "ph-vn-maritime-talks", "2020-06")]
    assert (
        read("The maritime consultations had been held annually.", Catalogue.of([MARITIME])) == []
    )


def test_what_which_stands_for_had_not_met_since_a_date_and_met_again() -> None:
    text = (
        "The Coast Guard Cooperation Mechanism talks, which had not met since 2019, were held "
        "in Hanoi on March 2."
    )
    found = read(text, Catalogue.of([TALKS]))
    assert ("meet", "ph-vn-coast-guard-talks", "2019") in found
    assert ("meet", "ph-vn-coast-guard-talks", "2022-03-02") in found


def test_a_family_name_written_first_is_not_named_by_someone_elses_given_name() -> None:
    leads = KnownChannel(
        slug="ph-vn-leaders",
        titles=("Philippines–Vietnam leaders' meetings",),
        parties=("PHL", "VNM"),
        lead_names=("Ferdinand Marcos", "Vo Van Thuong"),
    )
    assert (
        read("The meeting was co-chaired by Director General Tran Vo.", Catalogue.of([leads])) == []
    )


def test_a_date_to_come_that_opens_the_sentence_is_a_plans_window() -> None:
    article = (
        "The Coast Guard Cooperation Mechanism talks met in Manila on Tuesday.\n\n"
        "Next month, the talks will continue in Hanoi."
    )
    plans = [f for f in read(article, Catalogue.of([TALKS])) if f[0] == "plan"]
    assert plans == [("plan", "ph-vn-coast-guard-talks", "2022-03-09/2022-03-10")]
    assert (
        read("In March, the two sides agreed to hold the talks again.", Catalogue.of([TALKS])) == []
    )


def test_a_meeting_told_in_the_present_and_dated_to_the_last_days_was_held() -> None:
    text = "Santos and Nguyen Van An hold talks in Manila on Tuesday."
    assert read(text, Catalogue.of([TALKS])) == [("meet", "ph-vn-coast-guard-talks", "2022-03-08")]
    assert read("Santos and Nguyen Van An hold talks regularly.", Catalogue.of([TALKS])) == []


def test_the_former_and_the_latter_are_the_channels_named_together_before() -> None:
    article = (
        "The forum replaced two earlier channels: the Canada-Mexico Energy Dialogue and the "
        "Canada-Mexico Mining Dialogue.\n\n"
        "The former was launched in 2005.\n\nThe latter was set up in March 2008.\n\n"
        "The former minister said nothing."
    )
    opened = {(slug, on) for kind, slug, on in read(article) if kind == "open"}
    assert ("ca-mx-energy-dialogue", "2005") in opened
    assert ("ca-mx-mining-dialogue", "2008-03") in opened


def test_channels_a_new_one_replaced_end_when_it_began() -> None:
    article = (
        "Canada and Mexico set up the Canada-Mexico Partnership Forum on June 2, 2019.\n\n"
        "The forum replaced two earlier channels: the Canada-Mexico Energy Dialogue and the "
        "Canada-Mexico Mining Dialogue."
    )
    ended = {(slug, on) for kind, slug, on in read(article) if kind == "conclude"}
    assert ended == {
        ("ca-mx-energy-dialogue", "2019-06-02"),
        ("ca-mx-mining-dialogue", "2019-06-02"),
    }


def test_names_that_differ_by_the_and_joining_two_subjects_are_two_channels() -> None:
    article = (
        "Canada and Mexico launched the Trade and Investment Dialogue in 2010.\n\n"
        "It replaced the Trade Investment Dialogue set up in 2001."
    )
    slugs = {slug for _, slug, _ in read(article)}
    assert {"ca-mx-trade-and-investment-dialogue", "ca-mx-trade-investment-dialogue"} <= slugs


def test_a_channel_another_developed_from_ended_and_the_next_meeting_is_the_new_ones() -> None:
    article = (
        "Canada and Mexico launched a regular consultative body on Tuesday.\n\n"
        'It developed from the so-called "Energy Forum," which the two agreed to create in '
        "2019.\n\n"
        "They plan to use the body to continue their talks on mining policies.\n\n"
        "The next meeting is set to happen before the end of June."
    )
    found = read(article)
    assert ("conclude", "ca-mx-energy-forum", "2022-03-08") in found
    assert ("open", "ca-mx-energy-forum", "2019") in found
    [plan] = [slug for kind, slug, _ in found if kind == "plan"]
    assert plan == "ca-mx-consultative-body"


def test_a_year_that_names_a_meeting_gives_way_to_the_days_it_was_held() -> None:
    text = (
        "The two navies held the 2022 Coast Guard Cooperation Mechanism talks in Cebu, March 1-2."
    )
    assert read(text, Catalogue.of([TALKS])) == [
        ("meet", "ph-vn-coast-guard-talks", "2022-03-01/2022-03-02")
    ]


def test_a_description_sharing_one_word_of_three_with_a_channel_is_not_that_channel() -> None:
    exchange = KnownChannel(
        slug="ph-vn-export-control-exchange",
        titles=("Philippines–Vietnam export control information exchange",),
        parties=("PHL", "VNM"),
        topics=("export controls",),
    )
    found = read(
        "Manila and Hanoi will also launch a dialogue on nuclear arms control.",
        Catalogue.of([exchange]),
    )
    assert [slug for _, slug, _ in found] == ["ph-vn-nuclear-arms-dialogue"]


def test_a_day_a_meeting_is_to_be_held_is_no_day_of_the_news() -> None:
    article = (
        "Manila and Hanoi will hold maritime talks in Hanoi on Tuesday.\n\n"
        "The two countries also agreed to launch a dialogue on fisheries."
    )
    found = extract(article, PUBLISHED, Catalogue())
    [opening] = [p for p in found if p.command == "open" and "fisheries" in p.slug]
    assert opening.on == "2022-03-09/2022-03-10"  # not the Tuesday before publication


def test_holding_the_next_meeting_of_a_channel_is_one_plan_of_that_channel() -> None:
    article = (
        "The Coast Guard Cooperation Mechanism talks met in Manila on Tuesday.\n\n"
        "The two sides plan to hold the next meeting of the Philippines–Vietnam Maritime "
        "Consultations in the second half of 2022."
    )
    plans = [
        (slug, on)
        for kind, slug, on in read(article, Catalogue.of([TALKS, MARITIME]))
        if kind == "plan"
    ]
    assert plans == [("ph-vn-maritime-talks", "2022-03-09/2022-03-10")]


def test_talks_described_by_a_hyphenated_topic_are_the_channel_of_that_topic() -> None:
    text = "Philippine and Vietnamese officials resumed maritime-security talks in Hanoi on Monday."
    assert read(text, Catalogue.of([MARITIME])) == [
        ("resume", "ph-vn-maritime-talks", "2022-03-07")
    ]


@pytest.mark.parametrize(
    ("sentence", "later"),
    [
        ("Canada and Mexico held the 12th meeting of their Energy Dialogue in Ottawa on Monday.",
         "12th meeting"),
        ("Canada and Mexico held a new round of the Energy Dialogue in Ottawa on Monday.",
         "new round"),
        ("Canada and Mexico held the first round of the Energy Dialogue in Ottawa on Monday.",
         None),
    ],
)  # fmt: skip
def test_an_opening_dated_to_a_later_round_warns_that_the_channel_began_earlier(
    sentence: str, later: str | None
) -> None:
    opening = next(p for p in extract(sentence, PUBLISHED, Catalogue()) if p.command == "open")
    assert opening.on == "2022-03-07"
    note = opening.quote.note or ""
    assert note.startswith("the article does not say when the channel began")
    if later is None:
        assert opening.quote.confidence == "medium"
        assert "began earlier" not in note
    else:
        assert opening.quote.confidence == "low"
        assert f"“{later}”" in note


@pytest.mark.parametrize(
    ("sentence", "kind", "level"),
    [
        ("Under the direction of Secretary Lopez, the Canada–Mexico Energy Working Group held "
         "its fourth meeting in Ottawa on Monday.", "meet", None),
        ("The Canada–Mexico Energy Dialogue, set up by the two prime ministers in 2019, met at "
         "the level of deputy ministers in Ottawa on Monday.", "meet", "vice-ministerial"),
        ("The prime ministers agreed that their energy ministers would meet twice a year in a "
         "new Canada–Mexico Energy Dialogue.", "cadence", "ministerial"),
        ("Energy ministers of Canada and Mexico met in Ottawa on Monday for the Canada–Mexico "
         "Energy Dialogue.", "meet", "ministerial"),
    ],
)  # fmt: skip
def test_the_level_of_a_meeting_is_of_those_who_meet_not_of_whoever_the_clause_names(
    sentence: str, kind: str, level: str | None
) -> None:
    [found] = [p for p in extract(sentence, PUBLISHED, Catalogue()) if p.command == kind]
    assert found.options.get("level") == level, found.options


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("a deputy foreign minister held", "vice-ministerial"),
        ("Deputy Secretary of State Lopez met", "vice-ministerial"),
        ("the vice-minister met", "vice-ministerial"),
        ("an Assistant Secretary met", "senior-official"),
        ("the presidents said the foreign ministers met", "ministerial"),
    ],
)
def test_a_title_is_of_the_level_of_its_first_word(text: str, level: str) -> None:
    assert level_in(text, at=len(text)) == level


@pytest.mark.parametrize(
    ("sentence", "resumed"),
    [
        (
            "The Philippines–Vietnam maritime consultations, suspended in 2020, resumed on "
            "Tuesday in Manila.",
            "2022-03-08",
        ),
        (
            "The Philippines–Vietnam maritime consultations were suspended in 2020 and "
            "resumed on Tuesday.",
            "2022-03-08",
        ),
        (
            "Hanoi suspended the Philippines–Vietnam maritime consultations in 2020 and "
            "resumed them last week.",
            "2022-02-28/2022-03-06",
        ),
    ],
)
def test_a_second_verb_of_the_same_subject_or_object_states_a_fact_of_the_same_channel(
    sentence: str, resumed: str
) -> None:
    found = read(sentence, Catalogue.of([MARITIME]))
    assert ("suspend", "ph-vn-maritime-talks", "2020") in found
    assert ("resume", "ph-vn-maritime-talks", resumed) in found


@pytest.mark.parametrize(
    "sentence",
    [
        # the date before the second verb is the first verb's, and none is the second's own
        "The Philippines–Vietnam maritime consultations last met in March 2018, and were "
        "suspended after relations worsened in December 2018.",
        # another channel is named between the two verbs: the second verb is its
        "The Philippines–Vietnam maritime consultations were suspended in 2020 and the "
        "Canada–Mexico Energy Dialogue resumed on Tuesday.",
    ],
)
def test_a_second_verb_shares_no_channel_without_a_date_of_its_own_or_across_another_name(
    sentence: str,
) -> None:
    found = read(sentence, Catalogue.of([MARITIME, PROPOSED]))
    assert all(slug != "ph-vn-maritime-talks" for kind, slug, _ in found if kind == "resume")
    assert ("suspend", "ph-vn-maritime-talks", "2018-03") not in found


def test_a_cadence_of_no_level_named_says_its_level_is_a_guess() -> None:
    article = "The Philippines–Vietnam maritime consultations will be held twice a year."
    [cadence] = [
        p for p in extract(article, PUBLISHED, Catalogue.of([MARITIME])) if p.command == "cadence"
    ]
    assert cadence.options["level"] == "ministerial"
    assert "the article names no level: ministerial assumed, check it" in (cadence.quote.note or "")
    named = "Their deputy ministers will hold the maritime consultations twice a year."
    [cadence] = [
        p for p in extract(named, PUBLISHED, Catalogue.of([MARITIME])) if p.command == "cadence"
    ]
    assert cadence.options["level"] == "vice-ministerial"
    assert "names no level" not in (cadence.quote.note or "")


def test_two_meetings_of_one_sentence_each_take_their_own_date_and_place() -> None:
    text = (
        "The Philippines–Vietnam maritime consultations, which last took place in 2019, were "
        "held in Manila on Tuesday."
    )
    found = extract(text, PUBLISHED, Catalogue.of([MARITIME]))
    meetings = {p.on: p.options.get("location") for p in found if p.command == "meet"}
    assert meetings == {"2019": None, "2022-03-08": "Manila"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Manila paused the Philippines–Vietnam maritime consultations in 2020.",
        "Hanoi put the Philippines–Vietnam maritime consultations on hold in 2020.",
        "Hanoi put its maritime consultations with Manila on ice in 2020.",
    ],
)
def test_talks_paused_or_put_on_hold_are_suspended(sentence: str) -> None:
    found = read(sentence, Catalogue.of([MARITIME]))
    assert ("suspend", "ph-vn-maritime-talks", "2020") in found, found
    assert all("hold" not in slug and "ice" not in slug for _, slug, _ in found)


def test_a_pause_that_is_no_suspension_states_none() -> None:
    text = "The ministers paused for a photograph before the maritime consultations on Tuesday."
    assert [f for f in read(text, Catalogue.of([MARITIME])) if f[0] == "suspend"] == []


def test_a_channel_paused_in_a_relative_clause_and_restarted_in_the_main_one() -> None:
    text = (
        "The Philippines–Vietnam maritime consultations, which were paused in 2020, restarted "
        "in Hanoi last week."
    )
    found = read(text, Catalogue.of([MARITIME]))
    assert ("suspend", "ph-vn-maritime-talks", "2020") in found
    assert ("resume", "ph-vn-maritime-talks", "2022-02-28/2022-03-06") in found


def test_a_channel_of_parties_not_named_is_proposed_with_a_note_to_name_them() -> None:
    text = "The two countries agreed to establish a joint working group on counter-narcotics."
    [opening] = [p for p in extract(text, PUBLISHED, Catalogue()) if p.command == "open"]
    assert opening.options["parties"] == []
    assert opening.options["title"] == "joint working group on counter-narcotics"
    assert NO_PARTIES in (opening.quote.note or "")
    named = "Canada and Mexico agreed to establish a joint working group on counter-narcotics."
    [opening] = [p for p in extract(named, PUBLISHED, Catalogue()) if p.command == "open"]
    assert opening.options["title"] == "Canada–Mexico joint working group on counter-narcotics"
    assert NO_PARTIES not in (opening.quote.note or "")


def test_a_meeting_held_stays_held_when_a_later_verb_of_its_sentence_looks_ahead() -> None:
    text = (
        "Canada and Mexico met in Ottawa in February for their first talks on energy, and "
        "agreed to meet again next year."
    )
    found = extract(text, PUBLISHED, Catalogue())
    held = [(p.slug, p.on, p.options.get("location")) for p in found if p.command == "meet"]
    plans = [(p.slug, p.options["window"]) for p in found if p.command == "plan"]
    assert held == [("ca-mx-energy-talks", "2022-02", "Ottawa")]
    assert plans == [("ca-mx-energy-talks", "2023")]
    assert {p.slug for p in found} == {"ca-mx-energy-talks"}  # "agreed" is no topic


def test_talks_on_several_topics_are_one_channel_and_dialogues_on_them_several() -> None:
    talks = "Canada and Mexico held talks on trade, energy and climate in Ottawa on Tuesday."
    assert {p.slug for p in extract(talks, PUBLISHED, Catalogue())} == {"ca-mx-trade-talks"}
    dialogues = "Canada and Mexico agreed to set up dialogues about trade, energy and climate."
    assert len({p.slug for p in extract(dialogues, PUBLISHED, Catalogue())}) == 3


@pytest.mark.parametrize(
    ("sentence", "slug", "title"),
    [
        (
            "The fifth round of Canada-Mexico talks on energy concluded in Ottawa on Tuesday.",
            "ca-mx-energy-talks",
            "Canada–Mexico talks on energy",
        ),
        (
            "The second meeting of the Canada-Mexico working group on energy ended in Ottawa "
            "on Tuesday.",
            "ca-mx-energy-wg",
            "Canada–Mexico working group on energy",
        ),
    ],
)
def test_a_round_that_concluded_or_ended_was_held(sentence: str, slug: str, title: str) -> None:
    found = extract(sentence, PUBLISHED, Catalogue())
    meetings = [(p.slug, p.on, p.options.get("location")) for p in found if p.command == "meet"]
    assert meetings == [(slug, "2022-03-08", "Ottawa")]
    assert [p.options["title"] for p in found if p.command == "open"] == [title]


@pytest.mark.parametrize(
    ("sentence", "slug", "title"),
    [
        ("Canada and Mexico held AI talks in Ottawa on Tuesday.", "ca-mx-ai-talks",
         "Canada–Mexico AI talks"),
        ("Canada and Mexico resumed their energy ministers' dialogue on Tuesday.",
         "ca-mx-energy-dialogue", "Canada–Mexico energy dialogue"),
    ],
)  # fmt: skip
def test_a_description_by_an_acronym_or_a_possessive_names_a_channel(
    sentence: str, slug: str, title: str
) -> None:
    found = extract(sentence, PUBLISHED, Catalogue())
    assert {p.slug for p in found} == {slug}
    assert [p.options["title"] for p in found if p.command == "open"] == [title]


def test_a_meeting_is_of_the_channel_it_was_held_for() -> None:
    text = "Officials met in Ottawa in February for the first Canada-Mexico AI talks."
    found = extract(text, PUBLISHED, Catalogue())
    meetings = [(p.slug, p.on, p.options.get("location")) for p in found if p.command == "meet"]
    assert meetings == [("ca-mx-ai-talks", "2022-02", "Ottawa")]


def test_a_cadence_of_no_level_named_takes_the_level_its_channel_met_at() -> None:
    article = (
        "Senior officials of Canada and Mexico held energy talks in Ottawa on Tuesday.\n\n"
        "Officials said the energy talks would be held twice a year."
    )
    [cadence] = [p for p in extract(article, PUBLISHED, Catalogue()) if p.command == "cadence"]
    assert (cadence.slug, cadence.options["level"]) == ("ca-mx-energy-talks", "senior-official")
    assert "the level of its meeting the article reports" in (cadence.quote.note or "")


def test_a_change_undated_in_the_pluperfect_is_dated_before_the_news() -> None:
    article = (
        "Canada and Mexico held their first energy talks in four years on Tuesday.\n\n"
        "The previous round of the energy talks took place in Ottawa in February 2018.\n\n"
        "The energy talks had been suspended during the pandemic."
    )
    [suspension] = [p for p in extract(article, PUBLISHED, Catalogue()) if p.command == "suspend"]
    assert suspension.on == "2018-03-01/2022-03-07"  # after the last round, before Tuesday
    assert suspension.quote.confidence == "low"
    assert "give its date" in (suspension.quote.note or "")


def test_a_meeting_stated_twice_takes_the_place_the_second_sentence_gives() -> None:
    article = (
        "Canada and Mexico held energy talks on Tuesday, officials said.\n\n"
        "The energy talks were held in Ottawa."
    )
    [meeting] = [p for p in extract(article, PUBLISHED, Catalogue()) if p.command == "meet"]
    assert (meeting.on, meeting.options.get("location")) == ("2022-03-08", "Ottawa")
    assert len(meeting.also) == 1


def test_a_channel_named_by_its_noun_alone_has_that_name_once_in_its_slug() -> None:
    text = "The 2+2 dialogue between Canada and Mexico took place in Ottawa on Tuesday."
    assert {p.slug for p in extract(text, PUBLISHED, Catalogue())} == {"ca-mx-2plus2"}


def test_a_trilateral_channel_keeps_its_three_parties() -> None:
    text = (
        "The leaders of Canada, Mexico and the United States met in Ottawa on Tuesday for "
        "their first trilateral summit in four years."
    )
    found = extract(text, PUBLISHED, Catalogue())
    [opening] = [p for p in found if p.command == "open"]
    assert opening.options["parties"] == ["CA", "MX", "US"]
    assert opening.options["title"] == "Canada–Mexico–US trilateral summit"
    assert [(p.on, p.options.get("location")) for p in found if p.command == "meet"] == [
        ("2022-03-08", "Ottawa")
    ]


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        # past a long name, and never cut: the window used to end inside "Geneva" ("Gene")
        ("Canada and Mexico held the inaugural meeting of their intergovernmental dialogue on "
         "artificial intelligence in Geneva on Tuesday.", "Geneva"),
        ("Canada and Mexico held their first face-to-face round of consultations on energy "
         "security and climate, in Geneva on Tuesday.", "Geneva"),
        # further away, behind a clause of another matter, a place is not the meeting's
        ("Canada and Mexico held their energy talks on Tuesday to work on reviving trade "
         "following the end of the controls in Ottawa.", None),
    ],
)  # fmt: skip
def test_a_meeting_takes_the_place_its_words_name_whole(sentence: str, place: str | None) -> None:
    [meeting] = [p for p in extract(sentence, PUBLISHED, Catalogue()) if p.command == "meet"]
    assert meeting.options.get("location") == place


def test_a_channel_the_parties_introduce_as_their_own_is_new_not_nothing() -> None:
    text = "Canada and Mexico will hold their 25th summit in Ottawa on March 30."
    found = [(p.command, p.slug) for p in extract(text, PUBLISHED, Catalogue())]
    assert found == [("open", "ca-mx-summit"), ("plan", "ca-mx-summit")]
    referred = "The summit will be held in Ottawa on March 30."  # which one, nothing says
    assert extract(referred, PUBLISHED, Catalogue()) == []


def test_a_first_fact_called_a_later_round_by_a_name_between_says_the_channel_began_earlier() -> (
    None
):
    text = "The 29th Canada-Mexico Energy Dialogue meeting was held in Ottawa on Tuesday."
    [opening] = [p for p in extract(text, PUBLISHED, Catalogue()) if p.command == "open"]
    assert opening.quote.confidence == "low"
    assert "the channel began earlier" in (opening.quote.note or "")


def test_talks_described_at_the_start_of_a_sentence_are_of_the_articles_parties() -> None:
    article = (
        "Canada and Mexico to resume energy talks\n\n"
        "Energy talks between the two neighbours were frozen in August 2020 after a minister "
        "visited Cuba."
    )
    found = [(p.command, p.slug, p.on) for p in extract(article, PUBLISHED, Catalogue())]
    assert ("suspend", "ca-mx-energy-talks", "2020-08") in found
    assert all("cu" not in slug.split("-") for _, slug, _ in found)  # Cuba is no party


def test_a_channel_established_and_last_met_has_both_facts() -> None:
    text = "The Canada-Mexico Energy Working Group was established in 2019 and last met in May."
    found = [(p.command, p.slug, p.on) for p in extract(text, PUBLISHED, Catalogue())]
    assert found == [
        ("open", "ca-mx-energy-wg", "2019"),
        ("meet", "ca-mx-energy-wg", "2021-05"),
    ]


def test_a_name_of_two_channel_nouns_in_a_row_is_one_channel() -> None:
    text = (
        "Canada and Mexico held the fifth meeting of their Bilateral Consultation Mechanism on "
        "Energy (BCM) in Ottawa on Tuesday."
    )
    [mention] = [m for m in mentions_in(text) if m.named]
    assert (mention.text, mention.abbreviation) == (
        "Bilateral Consultation Mechanism on Energy",
        "BCM",
    )
    assert len({p.slug for p in extract(text, PUBLISHED, Catalogue())}) == 1


def test_a_channel_that_had_met_annually_held_no_meeting_on_the_day_reported() -> None:
    text = (
        "Canada and Mexico agreed on Tuesday to overhaul the Canada-Mexico Energy Dialogue, "
        "which had met annually since 2009."
    )
    found = extract(text, PUBLISHED, Catalogue())
    assert [p for p in found if p.command in {"meet", "cadence"}] == []


def test_an_agreement_to_replace_a_channel_with_a_new_one_ends_it_and_opens_the_other() -> None:
    text = (
        "Canada and Mexico agreed on Tuesday to replace the Canada-Mexico Energy Dialogue, "
        "which had met annually since 2009, with a new Canada-Mexico Climate Forum."
    )
    found = [(p.command, p.slug, p.on) for p in extract(text, PUBLISHED, Catalogue())]
    assert ("conclude", "ca-mx-energy-dialogue", "2022-03-08") in found
    assert ("open", "ca-mx-climate-forum", "2022-03-08") in found  # not 2009: the other's
    assert not [f for f in found if f[0] in {"meet", "cadence"}]


def test_a_window_of_another_plan_in_the_sentence_does_not_date_the_agreement() -> None:
    found = read(
        "Canada and Mexico agreed on Tuesday to restore their energy contacts. The Canada–Mexico "
        "energy policy talks will resume in April, officials said, and the Canada–Mexico grid "
        "security talks will be held in the autumn."
    )
    plans = {slug: on for kind, slug, on in found if kind == "plan"}
    assert plans == {
        "ca-mx-energy-policy-talks": "2022-03-09/2022-03-10",
        "ca-mx-security-talks": "2022-03-09/2022-03-10",
    }


def test_a_suspension_since_a_year_shares_the_channel_of_the_verb_before_it() -> None:
    found = read(
        "The Philippines–Vietnam maritime consultations, launched in 2012, had been suspended "
        "since 2016."
    )
    assert ("suspend", "ph-vn-maritime-consultations", "2016") in found
