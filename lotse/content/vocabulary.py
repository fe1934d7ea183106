"""The canonical answer keys and values and every fixed set of codes, each defined once.

Only codes live here. What users read for a code (a state's name, a kind of contact, an urgency) is
in the content: state names are the options of `state` in flows/guide.yaml, all other labels are in
texts/de.yaml, whose check requires a label for every code listed here.

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
DANGER: Final = ("yes", "no", "unsure")
"""`unsure` ("Ich bin mir nicht sicher"): no emergency screen, but 110 at the top of the result."""
POLICE: Final = ("yes", "no", "undecided", "already_reported")

STATES: Final = ("BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH")
"""The federal states; their names are the options of `state` in flows/guide.yaml."""
NATIONWIDE: Final = "DE"

CANONICAL: Final[dict[str, tuple[str, ...]]] = {
    "incident": INCIDENTS,
    "danger": DANGER,
    "state": STATES,
    "police": POLICE,
}
MULTIPLE_CHOICE: Final = frozenset({"incident"})
SUPPORTER: Final = "supporter"
"""The role (first question) of someone who helps the affected person: sees only contacts that help them too."""

PROVIDER_KINDS: Final = (
    "emergency",
    "police",
    "prosecution",
    "reporting",
    "victim_support",
    "counselling",
    "legal",
    "prevention",
    "network",
)
POLICE_RELATIONS: Final = ("police", "law_enforcement", "forwards", "independent")
URGENCIES: Final = ("immediate", "today", "soon", "later")
"""Most urgent first: the order of the result. Their words are in texts/de.yaml (`labels.urgencies`)."""
URGENCY_ORDER: Final = URGENCIES
PLAN_URGENCIES: Final = ("immediate", "today")
"""Steps of these urgencies make up the plan at the top of a result ("Jetzt tun")."""
PLAN_LIMIT: Final = 5
"""At most this many steps in the plan; the steps' `priority` (content) decides which win the places."""
LATER_THAN_PLAN: Final = "soon"
"""The urgency a plan step takes when it did not win a place in the plan."""
PROVIDER_KIND_VALUES: Final = PROVIDER_KINDS
POLICE_RELATION_VALUES: Final = POLICE_RELATIONS
TRI_STATES: Final = ("yes", "no", "on_request", "unknown")
YES_NO_UNKNOWN: Final = ("yes", "no", "unknown")
REPORT_ROUTES: Final = ("in_person", "online")
DATE_USES: Final = ("strafantrag", "beschwerde", "report")
"""What an exact date asked with a question is for: the day the person knew act and author (the
Strafantrag deadline, § 77b StGB), the day a notice of a dropped case arrived (the complaint deadline,
§ 172 StPO), the day of a report (reminders to ask for its status)."""
DEADLINE_USES: Final = ("strafantrag", "beschwerde")
"""The exact dates that give a legal deadline (lotse/documents/deadlines.py counts them; a test pins it)."""
DAYS_LEFT: Final = ("unknown", "passed", "up_to_7", "up_to_14", "up_to_30", "more")
"""How much time a known deadline leaves, as an urgency rule or a text variant reads it
(`days_left_strafantrag`, `days_left_beschwerde`): `unknown` without the date, `passed` after its last
day, `up_to_7` from 0 (today is the last day) to 7 days left, `up_to_14` 8 to 14, `up_to_30` 15 to 30,
`more` beyond."""
DAYS_LEFT_LIMITS: Final = (("up_to_7", 7), ("up_to_14", 14), ("up_to_30", 30))
"""The upper limit (days left, inclusive) of each step of DAYS_LEFT between `passed` and `more`."""
VERIFIED_HOW: Final = ("live", "archive")

CASE_FIELDS: Final = (
    "happened_on",
    "learned_on",
    "channel",
    "place",
    "author",
    "words",
    "kinds",
    "evidence",
    "witnesses",
    "reports",
    "effects",
    "safety",
)
"""The parts of an incident in "Mein Fall", in the order the form asks them (lotse/case/model.py); each
has a label and a short help in texts/de.yaml (`case.fields`)."""
CASE_FILE_PROBLEMS: Final = (
    "not_a_case_file",
    "too_large",
    "wrong_passphrase",
    "cut",
    "damaged",
    "later_version",
    "too_costly",
    "invalid",
    "short_passphrase",
    "busy",
)
"""Why a saved case file cannot be opened (or saved); each has its own German message
(`case.file_problems`). "busy": the server is deriving as many keys as it allows at once."""
CHANNELS: Final = ("online", "message", "letter", "phone", "in_person")
"""How an incident reached the person: the options of `channel` in flows/guide.yaml (a test pins it)."""
