"""Value objects of the domain: slugs, parties, levels, leads and sources."""

from __future__ import annotations

import re
import unicodedata
import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from tracker.domain.organisations import organisation

MAX_SLUG = 64
MAX_TITLE = 200
MAX_NAME = 200
MAX_TEXT = 10_000

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Channel ids are derived from slugs so that the CLI never needs a lookup table. A store may
# derive them in a namespace of its own (an encrypted store: one only its key gives).
CHANNEL_NAMESPACE = uuid.UUID("6f1d2c1e-5b0a-4c55-9d1e-3a7e3f2a9b10")


class InvalidValue(ValueError):
    """A value given by the user is not one the domain accepts."""


def check_slug(slug: str) -> str:
    """Return the slug if it is lowercase letters, digits and single hyphens, at most 64 long."""
    if not slug:
        raise InvalidValue("a channel slug is required, e.g. us-cn-commercial-wg")
    if len(slug) > MAX_SLUG:
        raise InvalidValue(f"the slug {slug[:20]!r}… is {len(slug)} characters; at most 64")
    if not _SLUG.fullmatch(slug):
        raise InvalidValue(
            f"{slug!r} is not a slug: use lowercase letters, digits and hyphens, "
            "e.g. us-cn-commercial-wg"
        )
    return slug


def channel_id(slug: str, namespace: uuid.UUID = CHANNEL_NAMESPACE) -> uuid.UUID:
    """The stable id of the channel named by this slug (in a store's namespace of ids)."""
    return uuid.uuid5(namespace, check_slug(slug))


def party_code(code: str) -> str:
    """Return the code a party is stored under: a country's ISO 3166-1 alpha-3 code for its
    alpha-2 or alpha-3 code, or an organisation's code from the domain's list (any case)."""
    text = code.strip().upper()
    country = None
    # Looked up lowercased, as pycountry does.
    if len(text) == 2:
        country = _BY_ALPHA_2.get(text.lower())
    elif len(text) == 3:
        country = _BY_ALPHA_3.get(text.lower())
    if country is not None:
        return country
    found = organisation(text)
    if found is None:
        raise InvalidValue(
            f"{code!r} is neither an ISO 3166-1 country code nor an organisation's code; use a "
            "country such as US, USA, CN or CHN, or an organisation such as EU, NATO, ASEAN, UN "
            "(the list: docs/domain.md#organisations)"
        )
    return found.code


def cameo_actor(party: str) -> str | None:
    """The CAMEO actor code of a stored party code: a country's is its alpha-3 code; an
    organisation's is its IGO code, or None where CAMEO has none."""
    found = organisation(party)
    return party if found is None else found.cameo


# ISO 3166-1: each country's alpha-2 code followed by its alpha-3 code, as pycountry has them
# (tests/unit/test_values.py checks they are the same). Kept here because importing pycountry
# and loading its database takes longer than a recording command's own work: its figure in
# `make bench` ("What each speed trick buys") was 118 ms for a new process's first country code
# with pycountry, against microseconds with this table (2026-12-03).
_ISO_3166_1 = """
ADAND AEARE AFAFG AGATG AIAIA ALALB AMARM AOAGO AQATA ARARG ASASM ATAUT AUAUS AWABW AXALA AZAZE
BABIH BBBRB BDBGD BEBEL BFBFA BGBGR BHBHR BIBDI BJBEN BLBLM BMBMU BNBRN BOBOL BQBES BRBRA BSBHS
BTBTN BVBVT BWBWA BYBLR BZBLZ CACAN CCCCK CDCOD CFCAF CGCOG CHCHE CICIV CKCOK CLCHL CMCMR CNCHN
COCOL CRCRI CUCUB CVCPV CWCUW CXCXR CYCYP CZCZE DEDEU DJDJI DKDNK DMDMA DODOM DZDZA ECECU EEEST
EGEGY EHESH ERERI ESESP ETETH FIFIN FJFJI FKFLK FMFSM FOFRO FRFRA GAGAB GBGBR GDGRD GEGEO GFGUF
GGGGY GHGHA GIGIB GLGRL GMGMB GNGIN GPGLP GQGNQ GRGRC GSSGS GTGTM GUGUM GWGNB GYGUY HKHKG HMHMD
HNHND HRHRV HTHTI HUHUN IDIDN IEIRL ILISR IMIMN ININD IOIOT IQIRQ IRIRN ISISL ITITA JEJEY JMJAM
JOJOR JPJPN KEKEN KGKGZ KHKHM KIKIR KMCOM KNKNA KPPRK KRKOR KWKWT KYCYM KZKAZ LALAO LBLBN LCLCA
LILIE LKLKA LRLBR LSLSO LTLTU LULUX LVLVA LYLBY MAMAR MCMCO MDMDA MEMNE MFMAF MGMDG MHMHL MKMKD
MLMLI MMMMR MNMNG MOMAC MPMNP MQMTQ MRMRT MSMSR MTMLT MUMUS MVMDV MWMWI MXMEX MYMYS MZMOZ NANAM
NCNCL NENER NFNFK NGNGA NINIC NLNLD NONOR NPNPL NRNRU NUNIU NZNZL OMOMN PAPAN PEPER PFPYF PGPNG
PHPHL PKPAK PLPOL PMSPM PNPCN PRPRI PSPSE PTPRT PWPLW PYPRY QAQAT REREU ROROU RSSRB RURUS RWRWA
SASAU SBSLB SCSYC SDSDN SESWE SGSGP SHSHN SISVN SJSJM SKSVK SLSLE SMSMR SNSEN SOSOM SRSUR SSSSD
STSTP SVSLV SXSXM SYSYR SZSWZ TCTCA TDTCD TFATF TGTGO THTHA TJTJK TKTKL TLTLS TMTKM TNTUN TOTON
TRTUR TTTTO TVTUV TWTWN TZTZA UAUKR UGUGA UMUMI USUSA UYURY UZUZB VAVAT VCVCT VEVEN VGVGB VIVIR
VNVNM VUVUT WFWLF WSWSM YEYEM YTMYT ZAZAF ZMZMB ZWZWE
"""
_BY_ALPHA_2 = {c[:2].lower(): c[2:] for c in _ISO_3166_1.split()}
_BY_ALPHA_3 = {c[2:].lower(): c[2:] for c in _ISO_3166_1.split()}


def _party(code: str) -> str:
    return party_code(code)


Party = Annotated[str, AfterValidator(_party)]
Slug = Annotated[str, AfterValidator(check_slug)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TITLE)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME)]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]


# Characters that show nothing: spaces and line or paragraph separators, control and format
# characters (a zero-width space, a byte-order mark, a bidirectional mark).
_BLANK = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})


def is_blank(text: str) -> bool:
    """True for text that says nothing: empty, or made only of characters that show nothing."""
    return all(unicodedata.category(c) in _BLANK for c in text)


def not_blank(text: str) -> str:
    """The text, if it says something (else ValueError, for validation)."""
    if is_blank(text):
        raise ValueError(
            "is blank: it holds only spaces, or invisible or control characters; write the text "
            "itself"
        )
    return text


# What a user may give from now on: the same texts, never blank. Recorded events keep the
# types above, which do not refuse blank text, so that facts recorded before this rule existed
# can always be read.
GivenTitle = Annotated[Title, AfterValidator(not_blank)]
GivenName = Annotated[Name, AfterValidator(not_blank)]
GivenText = Annotated[Text, AfterValidator(not_blank)]


class Level(StrEnum):
    """Who meets in a channel."""

    LEADER = "leader"
    MINISTERIAL = "ministerial"
    VICE_MINISTERIAL = "vice-ministerial"
    SENIOR_OFFICIAL = "senior-official"
    EXPERT = "expert"
    WORKING = "working"


class Confidence(StrEnum):
    """How far a source is trusted."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ChannelStatus(StrEnum):
    """Where a channel stands: proposed → agreed → active ⇄ suspended → concluded."""

    PROPOSED = "proposed"
    AGREED = "agreed"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    CONCLUDED = "concluded"


class Value(BaseModel):
    """Base of the immutable values: frozen, and unknown fields are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Lead(Value):
    """The named person leading for one party: ``USA=Gina Raimondo``."""

    party: Party
    name: Name

    @classmethod
    def parse(cls, text: str) -> Lead:
        party, sep, name = text.partition("=")
        if not sep or not party.strip() or not name.strip():
            raise InvalidValue(
                f"{text[:40]!r} is not a lead; use PARTY=NAME, e.g. USA=Gina Raimondo"
            )
        # Spaces before and after the code and the name only separate; anything else in the
        # name (tabs, control characters, unicode spacing) is kept as written.
        return cls(party=party.strip(), name=name.strip(" "))

    def __str__(self) -> str:
        return f"{self.party}={self.name}"


class Source(Value):
    """Where a fact was reported."""

    citation: Text = Field(min_length=1)
    quote: Text | None = None
    confidence: Confidence = Confidence.MEDIUM
    note: Text | None = None


class GivenLead(Lead):
    """A lead as a user gives it: its name is not blank."""

    name: GivenName


class GivenSource(Source):
    """A source as a user gives it: neither its citation nor its quote nor its note is blank."""

    citation: GivenText = Field(min_length=1)
    quote: GivenText | None = None
    note: GivenText | None = None
