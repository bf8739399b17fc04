"""The organisations that may be parties to a channel, beside countries: one documented list.

Each has the code a desk officer would type (``EU``, ``NATO``, ``ASEAN``), its full name, and its
actor code in the CAMEO actor codebook where CAMEO has one (an IGO code such as ``IGOWSTNAT``);
``None`` where no CAMEO code could be confirmed. A code is stored as written here, so it is part
of the stored format: never rename one. No code may be a country's ISO 3166-1 code (AU is
Australia, so the African Union is AFU, CAMEO's code; AL is Albania, so the Arab League is LAS):
tests/unit/test_values.py checks it.

The CAMEO codes follow the IGO table of the CAMEO codebook (Schrodt, CAMEO Event and Actor
Codebook 1.1b3, 2012), as transcribed in the ICBe replication code (cameo_actor_codes) and used
by the Petrarch coder (NATO as IGOWSTNAT, the European Union as IGOEUREEC).
"""

from __future__ import annotations

from typing import NamedTuple


class Organisation(NamedTuple):
    """An intergovernmental organisation or grouping that takes part in channels."""

    code: str
    name: str
    cameo: str | None  # its CAMEO actor code, if CAMEO has one


ORGANISATIONS: tuple[Organisation, ...] = (
    Organisation("AFU", "African Union", "IGOAFRAFU"),
    Organisation("APEC", "Asia-Pacific Economic Cooperation", None),
    Organisation("ASEAN", "Association of Southeast Asian Nations", "IGOSEAASN"),
    Organisation("BRICS", "BRICS (Brazil, Russia, India, China, South Africa and others)", None),
    Organisation("CARICOM", "Caribbean Community", None),
    Organisation("CELAC", "Community of Latin American and Caribbean States", None),
    Organisation("CIS", "Commonwealth of Independent States", "IGOCASCIS"),
    Organisation("COE", "Council of Europe", "IGOEURCOE"),
    Organisation("CSTO", "Collective Security Treaty Organization", None),
    Organisation("EAC", "East African Community", "IGOEAFEAC"),
    Organisation("EAEU", "Eurasian Economic Union", None),
    Organisation("ECOWAS", "Economic Community of West African States", "IGOWAFWAS"),
    Organisation("EU", "European Union", "IGOEUREEC"),
    Organisation("G7", "Group of Seven", "IGOBUSGOS"),
    Organisation("G8", "Group of Eight", "IGOBUSGOE"),
    Organisation("G20", "Group of Twenty", None),
    Organisation("GCC", "Gulf Cooperation Council", "IGOPGSGCC"),
    Organisation("IAEA", "International Atomic Energy Agency", "IGOUNOIAE"),
    Organisation("IGAD", "Intergovernmental Authority on Development", "IGOEAFDEVIAD"),
    Organisation("IMF", "International Monetary Fund", "IGOBUSIMF"),
    Organisation("LAS", "League of Arab States (Arab League)", "IGOMEAARL"),
    Organisation("MERCOSUR", "Southern Common Market (Mercosur)", None),
    Organisation("NATO", "North Atlantic Treaty Organization", "IGOWSTNAT"),
    Organisation("OAS", "Organization of American States", "IGOOAS"),
    Organisation("OECD", "Organisation for Economic Co-operation and Development", None),
    Organisation("OIC", "Organisation of Islamic Cooperation", "IGOMOSOIC"),
    Organisation("OPEC", "Organization of the Petroleum Exporting Countries", "IGOBUSOPC"),
    Organisation("OSCE", "Organization for Security and Co-operation in Europe", "IGOEURSCE"),
    Organisation("PIF", "Pacific Islands Forum", None),
    Organisation("SAARC", "South Asian Association for Regional Cooperation", "IGOSASSAA"),
    Organisation("SADC", "Southern African Development Community", "IGOSAFDEVSAD"),
    Organisation("SCO", "Shanghai Cooperation Organisation", None),
    Organisation("UN", "United Nations", "IGOUNO"),
    Organisation("WB", "World Bank", "IGOUNODEVWBK"),
    Organisation("WHO", "World Health Organization", "IGOUNOHLHWHO"),
    Organisation("WTO", "World Trade Organization", "IGOBUSWTO"),
)

BY_CODE: dict[str, Organisation] = {o.code: o for o in ORGANISATIONS}


def organisation(code: str) -> Organisation | None:
    """The organisation of this code (any case), if it is one."""
    return BY_CODE.get(code.strip().upper())
