"""The plan at the top of every result ("Jetzt tun") is short and puts first what cannot wait, for every
answer combination.

The grid: every selection of incidents (all 257), each danger answer, each police wish, the channel left
out (its default: every channel) and every single channel, and every value of the further answers the
plan's steps read (the report's status, when the act and author were known), each only where the flow
asks it (one walk per incidents, danger and police wish says which further answers stay on the path).
Only the steps that can be in the plan are evaluated, through the same functions as `compute_result`
(`shown_steps`, `plan_cut`): a step that can never be in the plan cannot take a place in it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from itertools import combinations, product
from operator import itemgetter
from typing import Any

import pytest

from lotse.content.facts import DAYS_LEFT_KEYS, deadline_facts
from lotse.content.loader import CompiledStep, Content
from lotse.content.vocabulary import DAYS_LEFT, DEADLINE_USES, PLAN_URGENCIES
from lotse.documents.dates import days_left
from lotse.documents.deadlines import RULES, deadlines_for
from lotse.explain.glance import glance_numbers
from lotse.guide.result import Result, compute_result, plan_cut, shown_steps
from lotse.guide.walk import resolve
from tests.apptest import shipped

PLAN_LIMIT = 5
CHANNELS: list[list[str] | None] = [None, ["online"], ["message"], ["letter"], ["phone"], ["in_person"]]
ONLINE_STEPS = ("evidence-online", "platform-report-dsa", "identify-author-21")
"""Steps about online evidence, reporting to platforms and anonymous profiles."""
EVIDENCE = {
    "online": "evidence-online",
    "message": "evidence-messages",
    "letter": "evidence-letter",
    "phone": "evidence-phone",
    "in_person": "evidence-witnesses",
}
"""The evidence step of each channel."""
VIOLENT = ("attack", "threat", "stalking")
PROBE = {"channel": ["online"], "report_status": "waiting", "author_known": "yes", "learned": "under_1_month"}
"""Further answers given on every walk of the grid: those that stay are asked on that path."""


def incident_sets(content: Content) -> list[list[str]]:
    question = content.questions()["incident"]
    combinable = [o.value for o in question.options if not o.exclusive]
    alone = [[o.value] for o in question.options if o.exclusive]
    return [list(c) for size in range(1, len(combinable) + 1) for c in combinations(combinable, size)] + alone


def plan_capable(content: Content) -> list[CompiledStep]:
    return [compiled for compiled in content.steps if compiled.possible_urgencies & set(PLAN_URGENCIES)]


def read_by(content: Content, step_ids: set[str] | None = None) -> set[str]:
    """The answer keys the conditions of these steps (all plan steps when None) read."""
    steps = [c for c in content.steps if c.step.id in step_ids] if step_ids else plan_capable(content)
    names: set[str] = set()
    for compiled in steps:
        if compiled.condition is not None:
            names |= compiled.condition.names
        for rule in compiled.urgencies:
            if rule.condition is not None:
                names |= rule.condition.names
    return names


FURTHER = ("channel", "report_status", "learned")
"""The further answers the grid varies within one walk."""


def effective_grid(content: Content, danger: str) -> Iterator[list[dict[str, Any]]]:
    """Every effective answer combination with this danger answer (state BY: no plan step reads it), one
    list per walk (incidents and police wish): the combinations of a walk differ only in FURTHER."""
    questions = content.questions()
    unknown = deadline_facts({})  # no exact date: see the tests of a known deadline below
    defaults = {key: questions[key].default_answer for key in FURTHER}
    for incidents, police in product(incident_sets(content), questions["police"].option_values()):
        base = {"incident": incidents, "danger": danger, "state": "BY", "police": police}
        walked = resolve(content, {**base, **PROBE}).effective
        asked = {key for key, value in PROBE.items() if walked[key] == value}
        channels = CHANNELS if "channel" in asked else [None]
        statuses = questions["report_status"].option_values() if "report_status" in asked else [None]
        learned = questions["learned"].option_values() if "learned" in asked else [None]
        fixed = {**walked, **unknown}
        yield [
            {
                **fixed,
                **{key: defaults[key] if value is None else value for key, value in zip(FURTHER, further, strict=True)},
                "given_channel": further[0],
            }
            for further in product(channels, statuses, learned)
        ]


def plan_ids(steps: list[CompiledStep], answers: dict[str, Any]) -> list[str]:
    return [compiled.step.id for compiled, level in plan_cut(shown_steps(steps, answers)) if level in PLAN_URGENCIES]


def _getter(names: set[str]) -> Callable[[dict[str, Any]], Any]:
    return itemgetter(*sorted(names)) if names else lambda _: ()


class ByValues:
    """`work(answers)`, worked out once per value of the answer keys `names` (those it reads)."""

    def __init__(self, names: set[str], work: Callable[[dict[str, Any]], Any]) -> None:
        self.read = _getter(names)
        self.work = work
        self.known: dict[Any, Any] = {}

    def __call__(self, answers: dict[str, Any], values: dict[str, Any]) -> Any:
        key = self.read(values)
        if key not in self.known:
            self.known[key] = self.work(answers)
        return self.known[key]


class PlanOf:
    """`plan_ids`, each step's verdict and urgency worked out once per value of the answers it reads, and
    the plan once per combination of the steps' urgencies (the grid has about 40,000 combinations per
    danger answer, and each step reads two or three answers)."""

    def __init__(self, content: Content) -> None:
        self.steps = [(compiled, _getter(read_by(content, {compiled.step.id}))) for compiled in plan_capable(content)]
        self.names = sorted(read_by(content))
        self.further = [place for place, (c, _) in enumerate(self.steps) if read_by(content, {c.step.id}) & {*FURTHER}]
        """The places of the steps that read a further answer: within one walk only these change."""
        self.known: list[dict[Any, str | None]] = [{} for _ in self.steps]
        """Per step: its urgency (None: not shown) by the values it reads."""
        self.plans: dict[tuple[str | None, ...], list[str]] = {}

    def frozen(self, answers: dict[str, Any]) -> dict[str, Any]:
        """The answers the plan's steps read, lists as tuples, so that the values a step reads can be a key."""
        values = {name: answers.get(name) for name in self.names}
        return {name: tuple(value) if isinstance(value, list) else value for name, value in values.items()}

    def level(self, place: int, answers: dict[str, Any], values: dict[str, Any]) -> str | None:
        """The urgency of the plan step at `place` for these answers (None: not shown); `values` are the
        same answers `frozen`."""
        compiled, read = self.steps[place]
        known, key = self.known[place], read(values)
        if key not in known:
            found = shown_steps([compiled], answers)
            known[key] = found[0][1] if found else None
        return known[key]

    def levels(self, answers: dict[str, Any]) -> list[str | None]:
        values = self.frozen(answers)
        levels = []
        for (compiled, read), known in zip(self.steps, self.known, strict=True):  # `level`, inlined: 2.5M calls
            key = read(values)
            if key not in known:
                found = shown_steps([compiled], answers)
                known[key] = found[0][1] if found else None
            levels.append(known[key])
        return levels

    def cut(self, levels: list[str | None]) -> list[str]:
        """The plan for these urgencies, through `plan_cut`."""
        key = tuple(levels)
        if key not in self.plans:
            shown = [(compiled, level) for (compiled, _), level in zip(self.steps, levels, strict=True) if level]
            self.plans[key] = [c.step.id for c, level in plan_cut(shown) if level in PLAN_URGENCIES]
        return list(self.plans[key])

    def __call__(self, answers: dict[str, Any]) -> list[str]:
        return self.cut(self.levels(answers))

    def walk(self, combinations: list[dict[str, Any]]) -> list[tuple[dict[str, Any], list[str]]]:
        """(answers, plan) for the combinations of one walk (`effective_grid`): the urgencies of the steps
        that read no further answer are worked out once, the others per combination."""
        levels = self.levels(combinations[0])
        found = []
        for answers in combinations:
            values = self.frozen(answers)
            for place in self.further:
                levels[place] = self.level(place, answers, values)
            found.append((answers, self.cut(levels)))
        return found


DANGERS = ("yes", "no", "unsure")


@pytest.fixture(scope="module")
def plan_of() -> PlanOf:
    """One `PlanOf` for the module: what it remembers are results of pure functions of the answers."""
    return PlanOf(shipped())


@pytest.fixture(scope="module")
def grid_plans(plan_of: PlanOf) -> dict[str, list[tuple[dict[str, Any], list[str]]]]:
    """(answers, plan) for every combination, by danger answer."""
    content = shipped()
    return {
        danger: [found for walk in effective_grid(content, danger) for found in plan_of.walk(walk)]
        for danger in DANGERS
    }


def test_the_grid_covers_every_incident_selection_danger_answer_and_channel(grid_plans: dict) -> None:
    content = shipped()
    assert len(incident_sets(content)) == (2**8 - 1) + 1  # every non-empty selection, and "nothing yet"
    assert set(grid_plans) == set(content.questions()["danger"].option_values())
    seen = {str(a["given_channel"]) for plans in grid_plans.values() for a, _ in plans}
    assert seen == {str(c) for c in CHANNELS}


@pytest.mark.parametrize("danger", DANGERS)
def test_no_combination_has_more_than_five_steps_to_do_now(grid_plans: dict, danger: str) -> None:
    largest = max(len(plan) for _, plan in grid_plans[danger])
    assert largest <= PLAN_LIMIT
    if danger == "yes":
        assert largest == PLAN_LIMIT


@pytest.mark.parametrize("danger", DANGERS)
def test_the_evidence_of_the_only_channel_is_in_the_plan(grid_plans: dict, danger: str) -> None:
    content = shipped()
    conditions = {c.step.id: c.condition for c in content.steps}
    missing = []
    for answers, plan in grid_plans[danger]:
        channel = answers["given_channel"]
        if channel is None or len(channel) != 1:
            continue
        step = EVIDENCE[channel[0]]
        if conditions[step].holds(answers) and step not in plan:
            missing.append((answers["incident"], answers["police"], channel, plan))
    assert missing == []


@pytest.mark.parametrize("danger", DANGERS)
def test_wanting_the_police_after_violence_puts_the_report_in_the_plan(grid_plans: dict, danger: str) -> None:
    missing = [
        (answers["incident"], answers["given_channel"], plan)
        for answers, plan in grid_plans[danger]
        if answers["police"] == "yes" and set(VIOLENT) & set(answers["incident"]) and "report-ways" not in plan
    ]
    assert missing == []


@pytest.mark.parametrize("danger", DANGERS)
def test_a_dropped_case_puts_the_complaint_in_the_plan(grid_plans: dict, danger: str) -> None:
    missing = [
        (answers["incident"], plan)
        for answers, plan in grid_plans[danger]
        if answers["report_status"] == "dropped" and "complaint-dropped-172" not in plan
    ]
    dropped = [answers for answers, _ in grid_plans[danger] if answers["report_status"] == "dropped"]
    assert len(dropped) > 0
    assert missing == []


def test_a_skipped_channel_puts_the_general_evidence_step_in_the_plan(grid_plans: dict) -> None:
    """Without a channel named (or with all five ticked) no channel's own evidence step is urgent, so the
    general one ("Aufschreiben": keep everything, delete nothing) takes its place, before the starke
    Stelle. Only a person in danger after an attack, who goes to the police and whose Strafantrag runs
    out, has five steps ranked before it."""
    missing: dict[tuple[str, ...], int] = {}
    for danger in DANGERS:
        for answers, plan in grid_plans[danger]:
            if answers["given_channel"] is None and answers["incident"] != ["none"] and "document-incident" not in plan:
                missing[tuple(plan)] = missing.get(tuple(plan), 0) + 1
    assert sorted(missing) == [
        ("emergency-110", "tonight-safety", "attack-medical", "report-ways", "strafantrag-urgent"),
        ("emergency-110", "tonight-safety", "complaint-dropped-172", "attack-medical", "strafantrag-urgent"),
    ]


def test_with_all_five_channels_ticked_the_general_evidence_step_comes_before_the_starke_stelle() -> None:
    content = shipped()
    answers = {"incident": ["threat"], "danger": "no", "state": "BY", "police": "undecided"}
    everything = {**answers, "channel": ["online", "message", "letter", "phone", "in_person"]}
    for given in (answers, everything):
        assert [step.id for step in compute_result(content, given).plan] == ["document-incident", "starke-stelle"]


def test_a_crowded_plan_puts_the_emergency_first_and_keeps_the_starke_stelle_among_the_numbers() -> None:
    """Danger, an attack, a threat by letter and police wanted: five steps outrank the starke Stelle (its
    hours are office hours); it stays one tap away in "Auf einen Blick" (docs/editing.md)."""
    content = shipped()
    answers = {"incident": ["attack", "threat"], "danger": "yes", "channel": ["letter"], "state": "BY", "police": "yes"}
    result = compute_result(content, answers)
    assert [step.id for step in result.plan] == [
        "emergency-110",
        "tonight-safety",
        "attack-medical",
        "report-ways",
        "evidence-letter",
    ]
    assert next(step.urgency for step in result.steps if step.id == "starke-stelle") == "soon"
    assert [provider.id for provider in glance_numbers(content, result)][:2] == ["de-notruf-110", "de-starke-stelle"]


STRAFANTRAG_STEPS = ("strafantrag-deadline", "strafantrag-urgent")


@pytest.mark.parametrize(("ago", "in_plan"), [(80, True), (10, False)])
def test_a_known_strafantrag_deadline_near_its_end_puts_the_strafantrag_in_the_plan(ago: int, in_plan: bool) -> None:
    """Learned 80 days ago: the deadline (§ 77b StGB, 3 months) leaves 11 days, counted by the one
    deadline code; 10 days ago it leaves 84. The rough answer ('under a month') alone does not say so."""
    content, today = shipped(), date(2026, 12, 7)
    answers = {**BASE_STRAFANTRAG, "learned": "under_1_month"}
    dates = {"strafantrag": today - timedelta(days=ago)}
    left = days_left(deadlines_for(dates, "BY", today)[0], today)
    assert left == {"strafantrag": 11 if ago == 80 else 84}
    result = compute_result(content, answers, tuple(dates), left)
    assert ("strafantrag-deadline" in [step.id for step in result.plan]) is in_plan
    assert next(s.urgency for s in result.steps if s.id == "strafantrag-deadline") == ("today" if in_plan else "soon")
    assert (
        compute_result(content, answers, (), left).plan == compute_result(content, answers).plan
    )  # date not in effect


def test_every_deadline_lotse_counts_has_its_days_left_fact() -> None:
    assert tuple(RULES) == DEADLINE_USES
    assert list(DAYS_LEFT_KEYS.values()) == ["days_left_strafantrag", "days_left_beschwerde"]


BASE_STRAFANTRAG = {"incident": ["insult"], "danger": "no", "state": "BY", "police": "yes", "author_known": "yes"}


def test_the_days_left_are_read_in_steps_of_days() -> None:
    content = shipped()
    answers = {**BASE_STRAFANTRAG, "learned": "unsure"}
    urgencies = {}
    for days in (-1, 0, 7, 8, 14, 15, 30, 31):
        result = compute_result(content, answers, ("strafantrag",), {"strafantrag": days})
        urgencies[days] = next(s.urgency for s in result.steps if s.id == "strafantrag-deadline")
    assert urgencies == {
        -1: "soon",
        0: "today",
        7: "today",
        8: "today",
        14: "today",
        15: "soon",
        30: "soon",
        31: "soon",
    }
    assert deadline_facts({"strafantrag": 15}) == {
        "days_left_strafantrag": "up_to_30",
        "days_left_beschwerde": "unknown",
    }


def test_with_every_days_left_the_strafantrag_is_in_the_plan_at_most_once(grid_plans: dict, plan_of: PlanOf) -> None:
    """Over the grid where a Strafantrag step shows, with every step of DAYS_LEFT: never both Strafantrag
    steps in the plan, and without danger a deadline ending within 14 days puts one of them there.
    Per combination only the urgencies of the steps that read the days left are worked out again."""
    content = shipped()
    whens = [c.condition for c in content.steps if c.step.id in STRAFANTRAG_STEPS]
    shows = ByValues(set().union(*(when.names for when in whens)), lambda a: any(when.holds(a) for when in whens))
    key = DAYS_LEFT_KEYS["strafantrag"]
    reading = [place for place, (c, _) in enumerate(plan_of.steps) if key in read_by(content, {c.step.id})]
    assert reading, "no plan step reads the days left"
    twice, missing, tried = [], [], 0
    for danger in DANGERS:
        for answers, _ in grid_plans[danger]:
            values = plan_of.frozen(answers)
            if not shows(answers, values):
                continue
            levels = plan_of.levels(answers)
            for value in DAYS_LEFT:
                changed, changed_values = {**answers, key: value}, {**values, key: value}
                for place in reading:  # the other steps do not read the days left
                    levels[place] = plan_of.level(place, changed, changed_values)
                plan = plan_of.cut(levels)
                tried += 1
                found = [step for step in STRAFANTRAG_STEPS if step in plan]
                if len(found) > 1:
                    twice.append((answers["incident"], plan))
                if value in ("up_to_7", "up_to_14") and danger == "no" and not found:
                    missing.append((answers["incident"], answers["police"], plan))
    assert tried > 0
    assert twice == []
    assert missing == []


def test_danger_named_or_unsure_puts_tonight_s_safety_first_or_after_110(grid_plans: dict) -> None:
    for danger, first in (("yes", ["emergency-110", "tonight-safety"]), ("unsure", ["tonight-safety"])):
        wrong = [(a["incident"], plan) for a, plan in grid_plans[danger] if plan[: len(first)] != first]
        assert wrong == []


def test_a_threat_alone_without_danger_leaves_tonight_s_safety_for_later() -> None:
    content = shipped()
    answers = {"incident": ["threat"], "danger": "no", "channel": ["letter"], "state": "BY", "police": "undecided"}
    result = compute_result(content, answers)
    assert [step.id for step in result.plan] == ["evidence-letter", "document-incident", "starke-stelle"]
    assert next(step.urgency for step in result.steps if step.id == "tonight-safety") == "soon"


@pytest.mark.parametrize(
    "answers",
    [
        {"incident": ["attack", "threat"], "danger": "yes", "state": "BY", "police": "yes"},
        {"incident": ["threat", "insult"], "danger": "unsure", "channel": ["letter"], "state": "BY", "police": "yes"},
        {
            "incident": ["insult"],
            "danger": "no",
            "state": "HH",
            "police": "already_reported",
            "report_status": "dropped",
        },
    ],
)
def test_the_grid_shows_what_compute_result_shows(answers: dict[str, Any]) -> None:
    content = shipped()
    effective = dict(resolve(content, answers).effective)
    expected = [s.id for s in compute_result(content, answers).plan]
    assert plan_ids(plan_capable(content), effective) == expected
    assert PlanOf(content)({**effective, **deadline_facts({})}) == expected


def test_the_plan_is_the_steps_for_now_and_today_in_the_json_too() -> None:
    content = shipped()
    answers = {"incident": ["attack", "threat"], "danger": "yes", "state": "BY", "police": "yes"}
    result = compute_result(content, answers)
    assert [step.id for step in result.plan] == [
        "emergency-110",
        "tonight-safety",
        "attack-medical",
        "report-ways",
        "document-incident",
    ]
    urgencies = [step["urgency"] for step in result.to_json()["steps"]]
    assert urgencies[:5] == ["immediate", "immediate", "today", "today", "today"]
    assert set(urgencies[5:]) <= {"soon", "later"}
    assert next(s.urgency for s in result.steps if s.id == "starke-stelle") == "soon"  # no place left


def grid(content: Content, keys: set[str], channels: list[list[str] | None] = CHANNELS) -> list[dict[str, Any]]:
    """Every combination of the incident selections, danger and police (when read), `channels` and the
    values of the further answers in `keys`."""
    questions = content.questions()
    further = sorted(keys - {"incident", "danger", "channel", "state", "police"})
    police = list(questions["police"].option_values()) if "police" in keys else ["yes"]
    values = [list(questions[key].option_values()) for key in further]
    dangers = questions["danger"].option_values() if "danger" in keys else ("no",)
    answers = []
    for incidents, danger, wish, channel, rest in product(
        incident_sets(content), dangers, police, channels, product(*values)
    ):
        combination: dict[str, Any] = {"incident": incidents, "danger": danger, "state": "BY", "police": wish}
        combination.update(zip(further, rest, strict=True))
        if channel is not None:
            combination["channel"] = channel
        answers.append(combination)
    return answers


def results(content: Content, combinations_: list[dict[str, Any]], keys: set[str]) -> list[tuple[dict, Result]]:
    """(answers, result) for one combination of each distinct resolved value of `keys`."""
    seen: dict[str, tuple[dict, Result]] = {}
    for answers in combinations_:
        resolved = resolve(content, answers).effective
        key = repr(sorted((name, resolved[name]) for name in keys))
        if key not in seen:
            seen[key] = (answers, compute_result(content, answers))
    return list(seen.values())


@pytest.mark.parametrize("channel", [["letter"], ["letter", "phone", "in_person"]])
def test_without_online_there_is_no_step_about_the_internet(channel: list[str]) -> None:
    content = shipped()
    keys = read_by(content, set(ONLINE_STEPS))
    combinations_ = grid(content, keys, channels=[channel])
    shown = set()
    for _, result in results(content, combinations_, keys):
        shown |= {step.id for step in result.steps} & set(ONLINE_STEPS)
    assert shown == set()


def test_with_the_channel_left_out_today_s_online_steps_still_show() -> None:
    content = shipped()
    answers = {"incident": ["online_hate"], "danger": "no", "state": "BY", "police": "yes", "author_known": "no"}
    steps = {step.id for step in compute_result(content, answers).steps}
    assert set(ONLINE_STEPS) <= steps
    steps = {step.id for step in compute_result(content, {**answers, "channel": ["letter"]}).steps}
    assert not steps & set(ONLINE_STEPS)


def test_every_step_of_the_plan_has_its_one_sentence() -> None:
    content = shipped()
    missing = [c.step.id for c in plan_capable(content) if not c.step.summary]
    assert missing == []
