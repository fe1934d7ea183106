"""flows/safety.yaml beyond its types (the loader already refused unknown keys, doubled ids and unknown
contacts): every text is safe Markdown (the page shows the items and words as Markdown), a norm an
item names has a source for it in the same item (as `norms` asks of steps), and no item lists the same
source twice."""

from __future__ import annotations

from lotse.check.markdown import text_problems
from lotse.check.norms import covered, norms_in
from lotse.content.loader import Content
from lotse.content.problems import Problem
from lotse.content.safety import SAFETY_FILE


def safety_check_problems(content: Content) -> list[Problem]:
    check = content.safety
    if check is None:
        return []
    problems: list[Problem] = []
    for key, text in check.words.model_dump().items():
        problems += _markdown(content, ("words", key), text)
    for a, area in enumerate(check.areas):
        problems += _markdown(content, ("areas", a, "title"), area.title)
        for i, item in enumerate(area.items):
            path = ("areas", a, "items", i)
            problems += _markdown(content, path + ("text",), item.text)
            problems += _markdown(content, path + ("who",), item.who)
            for norm in norms_in(item.text):
                if not covered(norm, item.sources):
                    problems.append(
                        Problem(
                            SAFETY_FILE,
                            content.line(SAFETY_FILE, path + ("text",)),
                            f"Punkt '{item.id}' nennt {norm}, aber keine Quelle dafür. Fügen Sie unter "
                            f"'sources' die Seite dieser Vorschrift hinzu (etwa bei gesetze-im-internet.de).",
                            "warning",
                        )
                    )
            urls = [source.url for source in item.sources]
            if len(set(urls)) != len(urls):
                problems.append(
                    Problem(
                        SAFETY_FILE,
                        content.line(SAFETY_FILE, path + ("sources",)),
                        f"Punkt '{item.id}' nennt eine Quelle zweimal. Löschen Sie die doppelte.",
                    )
                )
    return problems


def _markdown(content: Content, path: tuple[str | int, ...], text: str) -> list[Problem]:
    line = content.line(SAFETY_FILE, path)
    where = ".".join(str(part) for part in path)
    return [Problem(SAFETY_FILE, line, f"{where}: {message}") for message in text_problems(text)]
