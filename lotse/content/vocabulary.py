"""The canonical answer values and the fixed German labels that go with them."""

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

TRI_STATE_LABELS: Final[dict[str, str]] = {
    "yes": "ja",
    "no": "nein",
    "on_request": "auf Wunsch",
    "unknown": "nicht bekannt",
}
