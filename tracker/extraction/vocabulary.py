"""The words the extractor reads channels by, in one place (lowercase unless said)."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The nouns that end a channel's name, capitalised as in a name; the longest first.
NAME_NOUNS = (
    "Working Groups?|Task Force|Dialogues?|Talks|Consultations?|Summits?|Commissions?|"
    "Committees?|Forums?|Mechanisms?|Exchanges?|Councils?|Groups?|Conferences?|Roundtables?|"
    "Round Table|2\\+2|Channels?|Hotline|Meetings?|Partnerships?|Framework"
)
# Nouns that make a name a channel's only after certain words ("Working Group", not "Mintz
# Group"; "Strategic Partnership Dialogue", not "Paris Framework").
LOOSE_NOUNS = _words(
    "Group Groups Partnership Partnerships Framework Meeting Meetings Channel "
    "Channels Exchange Exchanges"
)
CHANNEL_WORDS = _words(
    "working expert experts contact steering policy consultative coordination planning review "
    "study joint advisory strategy strategic oversight liaison monitoring ministerial 2+2 "
    "dialogue information cooperation partnership leaders leaders' defense defence security"
)
# Small words a name may hold between its capitalised words.
JOINING = _words("of on and for in the & between to")
# Words before a channel noun that say which round, not which channel.
ORDINALS = _words(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "inaugural annual new next latest last high-level the a an"
)
# Words before a channel noun that do not describe the channel ("held the first round of
# talks", "resume the military talks": only "military" describes).
NOT_DESCRIPTIVE = _words(
    "the a an its their our this that these those new first second next latest last two both "
    "bilateral high-level regular broke off resumed with held hold of and in to for on said have "
    "had has was were is are be been form launch launched set up agreed other such more further "
    "direct formal official face-to-face in-person virtual annual planned several many some any "
    "all his her top senior key frosty candid good productive constructive substantive "
    "inaugural ongoing round rounds session sessions meeting meetings level continue continued "
    "new-round latest-round fresh another"
)
# The small words every English sentence is made of: a quarter of English news copy's words
# (language.py).
SMALL_WORDS = _words(
    "the of and to in a is was for on that with as by at from it its said has have had be were "
    "are an this which will their not but or also after"
)
DETERMINERS = _words("the a an its their our this that these those")
NOT_TOPICS = _words("issues matters areas things topics she he they we it them")
# What a channel is about, as a lowercase description names it ("security dialogue", "climate
# talks"): only these words describe a channel; "landmark", "long-suspended", "regular" do not.
TOPIC_WORDS = _words(
    "security economic economy financial finance fiscal monetary military defense defence climate "
    "trade commercial strategic maritime border boundary nuclear energy cyber cybersecurity "
    "counterterrorism counter-terrorism terrorism consular denuclearization disarmament "
    "nonproliferation non-proliferation arms control stability space health tourism travel "
    "education science technology agriculture investment export exports development fisheries "
    "migration intelligence policy political diplomatic peace human rights legal law enforcement "
    "narcotics drug drugs customs aviation shipping ocean environment environmental water "
    "food industry industrial supply chain chains semiconductor ai artificial intelligence "
    "digital telecom telecommunications innovation research culture cultural people-to-people "
    "youth women labour labor tax taxation currency banking insurance infrastructure transport "
    "transportation railway railways space regional global bilateral-security 2+2 "
    "strategic-economic economic-financial trade-secrets intellectual property secrets "
    "foreign affairs minister-level vice-ministerial ministerial summit-level leaders composite "
    "comprehensive two-track inter-korean cross-strait alliance partnership cooperation "
    "consultative coordination trilateral"
)

# Gatherings of many states, named as a channel would be ("the Ninth Summit of the Americas",
# "the second Belt and Road Forum"): occasions where parties meet, never a channel between them.
MULTILATERAL = (
    r"Summit of the Americas|G-?20|G-?7|G-?8|APEC|Asia-Pacific Economic Cooperation|"
    r"ASEAN Regional Forum|East Asia Summit|BRICS|Shanghai Cooperation Organi[sz]ation|"
    r"Belt and Road Forum|General Assembly|Security Council|World Economic Forum|"
    r"Munich Security Conference|Shangri-La Dialogue|Raisina Dialogue|COP ?\d+|"
    r"Conference of the Parties|World Health Assembly|Boao Forum"
)
