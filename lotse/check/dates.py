"""Honest dates: contacts whose check or source is old, and contacts nobody has checked live."""

from __future__ import annotations

from datetime import date, timedelta

from lotse.content.loader import PROVIDERS_FILE, Content
from lotse.content.problems import Problem
from lotse.content.schema import Provider

STALE_AFTER = timedelta(days=365)
"""A contact compared with its source longer ago than this should be compared again."""
OLD_SOURCE_YEARS = 3
"""A source older than this may no longer describe the offer: look for a newer one."""


def stale(provider: Provider, today: date) -> bool:
    return today - provider.verified > STALE_AFTER


def source_year(provider: Provider) -> int | None:
    return int(provider.source_date[:4]) if provider.source_date[:4].isdigit() else None


def old_source(provider: Provider, today: date) -> bool:
    year = source_year(provider)
    return year is not None and today.year - year > OLD_SOURCE_YEARS


def never_live(provider: Provider) -> bool:
    return provider.verified_how != "live"


def date_problems(content: Content, today: date) -> list[Problem]:
    problems = []
    for index, provider in enumerate(content.providers):
        path = ("providers", index)
        if stale(provider, today):
            problems.append(
                Problem(
                    PROVIDERS_FILE,
                    content.line(PROVIDERS_FILE, path + ("verified",)),
                    f"'{provider.id}' wurde zuletzt am {provider.verified} geprüft (über 12 Monate). "
                    "Bitte die Quelle erneut prüfen und das Datum aktualisieren.",
                    "warning",
                )
            )
        if old_source(provider, today):
            problems.append(
                Problem(
                    PROVIDERS_FILE,
                    content.line(PROVIDERS_FILE, path + ("source_date",)),
                    f"Die Quelle von '{provider.id}' ist von {provider.source_date} "
                    f"(älter als {OLD_SOURCE_YEARS} Jahre). "
                    "Suchen Sie eine neuere Seite der Stelle selbst und tragen Sie sie als source ein.",
                    "warning",
                )
            )
    unchecked = [provider.id for provider in content.providers if never_live(provider)]
    if unchecked:
        problems.append(
            Problem(
                PROVIDERS_FILE,
                1,
                f"{len(unchecked)} von {len(content.providers)} Kontakten wurden nie live geprüft "
                "(verified_how ist nicht 'live'). Liste nach Ländern: python -m lotse coverage; "
                "Adressen prüfen: python -m lotse links.",
                "warning",
            )
        )
    return problems
