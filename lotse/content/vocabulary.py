"""The canonical answer keys and values and every fixed set of codes, each defined once.

The models derive their literal types from these tuples, the check derives its completeness rules
(every state, every incident) from them, and the tests generate their content trees from them.
"""

from typing import Final

INCIDENTS: Final = (
    "insult",
    "defamation",
    "threat",
    "attack",
    "online_hate",
    "doxing",
    "stalking",
    "property_damage",
    "none",
)
DANGER: Final = ("yes", "no")
POLICE: Final = ("yes", "no", "undecided", "already_reported")

STATE_NAMES: Final[dict[str, str]] = {
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "BE": "Berlin",
    "BB": "Brandenburg",
    "HB": "Bremen",
    "HH": "Hamburg",
    "HE": "Hessen",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen",
    "RP": "Rheinland-Pfalz",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "SH": "Schleswig-Holstein",
    "TH": "Thüringen",
}
STATES: Final = tuple(STATE_NAMES)
NATIONWIDE: Final = "DE"

CANONICAL: Final[dict[str, tuple[str, ...]]] = {
    "incident": INCIDENTS,
    "danger": DANGER,
    "state": STATES,
    "police": POLICE,
}
MULTIPLE_CHOICE: Final = frozenset({"incident"})
IN_PERSON_FIRST: Final = frozenset({"attack", "threat", "stalking"})
"""Incidents for which reporting at a police station comes before any online form (and must exist)."""
POLICE_WISHES_WITH_REPORT: Final = ("yes", "undecided", "already_reported")
"""Police wishes for which the result must offer a police route that takes the incident."""

PROVIDER_KINDS: Final[dict[str, str]] = {
    "emergency": "Notruf",
    "police": "Polizei",
    "prosecution": "Staatsanwaltschaft",
    "reporting": "Meldestelle",
    "victim_support": "Opferberatung",
    "counselling": "Beratung",
    "legal": "Rechtliche Hilfe",
    "prevention": "Vorbeugung",
    "network": "Netzwerk und Information",
}

POLICE_RELATIONS: Final[dict[str, str]] = {
    "police": "Das ist die Polizei.",
    "law_enforcement": "Staatsanwaltschaft: Eine Anzeige hier setzt ein Strafverfahren in Gang.",
    "forwards": "Nicht die Polizei, gibt Meldungen aber an Polizei oder Staatsanwaltschaft weiter.",
    "independent": "Unabhängig von der Polizei.",
}

URGENCY_LABELS: Final[dict[str, str]] = {
    "immediate": "Sofort",
    "today": "Heute",
    "soon": "In den nächsten Tagen",
    "later": "Wenn Sie so weit sind",
}
URGENCY_ORDER: Final = tuple(URGENCY_LABELS)
URGENCIES: Final = URGENCY_ORDER
PLAN_URGENCIES: Final = ("immediate", "today")
"""Steps of these urgencies make up the plan at the top of a result ("Jetzt tun")."""
PROVIDER_KIND_VALUES: Final = tuple(PROVIDER_KINDS)
POLICE_RELATION_VALUES: Final = tuple(POLICE_RELATIONS)
TRI_STATES: Final = ("yes", "no", "on_request", "unknown")
YES_NO_UNKNOWN: Final = ("yes", "no", "unknown")
REPORT_ROUTES: Final = ("in_person", "online")
VERIFIED_HOW: Final = ("live", "archive")

TRI_STATE_LABELS: Final[dict[str, str]] = {
    "yes": "ja",
    "no": "nein",
    "on_request": "auf Wunsch",
    "unknown": "nicht bekannt",
}
