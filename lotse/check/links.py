"""Open every source and contact link over the network, say what to re-check (`python -m lotse links`,
lotse/cli/links.py).

Checked are each provider's `source` and `url` (providers.yaml) and each step source (flows/steps.yaml):
the HTTP status, where a redirect leads, and, with `--compare FILE` (the JSON an earlier run wrote with
`--out FILE`), whether the page changed since (SHA-256 of the first bytes read). The run writes no file
unless the editor passes `--out`; the hashes otherwise live only in the run's own output. Every request
is bounded: a timeout, a cap on the bytes read, a few redirects, a few requests at a time.
"""

from __future__ import annotations

import hashlib
import http.client
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lotse.content.loader import PROVIDERS_FILE, STEPS_FILE
from lotse.content.yamlfile import YamlFile, read_yaml

TIMEOUT_SECONDS = 10.0
WORKERS = 6
MAX_BYTES = 2_000_000
MAX_REDIRECTS = 5
USER_AGENT = "Lotse-Linkpruefung/1.0 (Redaktion; prueft Quellen)"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class Use:
    """Where a link appears: file, line and what it is (e.g. `de-starke-stelle: source`)."""

    file: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line} ({self.what})"


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: int | None = None
    final_url: str = ""
    redirects: tuple[str, ...] = ()
    sha256: str | None = None
    error: str | None = None

    @property
    def reachable(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def moved(self) -> bool:
        return self.reachable and self.final_url.rstrip("/") != self.url.rstrip("/")


@dataclass(frozen=True)
class Finding:
    """Something the editor must re-check, with the German instruction."""

    url: str
    kind: str  # "broken" | "moved" | "changed"
    message: str
    uses: tuple[Use, ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        lines = [self.message] + [f"    verwendet in {use}" for use in self.uses]
        return "\n".join(lines)


# --- which links -----------------------------------------------------------------------------------


def collect_links(root: Path) -> dict[str, list[Use]]:
    """Every provider source/url and step source URL under `root`, in file order, with where it is used."""
    links: dict[str, list[Use]] = {}

    def add(url: object, source: YamlFile, path: tuple[str | int, ...], what: str) -> None:
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            links.setdefault(url, []).append(Use(source.name, source.line(path), what))

    providers = read_yaml(root / PROVIDERS_FILE, PROVIDERS_FILE)
    for index, provider in enumerate(_items(providers.data, "providers")):
        for key in ("source", "url"):
            add(provider.get(key), providers, ("providers", index, key), f"{provider.get('id', '?')}: {key}")
    steps = read_yaml(root / STEPS_FILE, STEPS_FILE)
    for index, step in enumerate(_items(steps.data, "steps")):
        for number, source in enumerate(step.get("sources") or []):
            if isinstance(source, dict):
                path = ("steps", index, "sources", number, "url")
                add(source.get("url"), steps, path, f"Schritt {step.get('id', '?')}: Quelle")
    return links


def _items(data: object, key: str) -> list[dict]:
    items = data.get(key) if isinstance(data, dict) else None
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


# --- one request -----------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by hand, so that each hop is recorded."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _opener(url: str) -> urllib.request.OpenerDirector:
    host = urlsplit(url).hostname or ""
    handlers: list[urllib.request.BaseHandler] = [_NoRedirect()]
    if host in LOOPBACK:
        handlers.append(urllib.request.ProxyHandler({}))  # never send loopback requests through a proxy
    return urllib.request.build_opener(*handlers)


def check_url(url: str, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> LinkResult:
    """GET `url`, following up to MAX_REDIRECTS redirects by hand; never raises."""
    hops: list[tuple[int, str]] = []
    try:
        return _follow(url, hops, timeout, max_bytes)
    except TimeoutError:
        error = f"keine Antwort in {timeout:g} Sekunden"
    except urllib.error.URLError as exc:
        timed_out = isinstance(exc.reason, TimeoutError)
        error = f"keine Antwort in {timeout:g} Sekunden" if timed_out else f"nicht erreichbar ({exc.reason})"
    except (http.client.HTTPException, OSError, ValueError) as exc:
        error = f"nicht erreichbar ({exc.__class__.__name__})"
    return _result(url, hops, None, None, error)


def _follow(url: str, hops: list[tuple[int, str]], timeout: float, max_bytes: int) -> LinkResult:
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        request = urllib.request.Request(current, headers={"User-Agent": USER_AGENT})
        try:
            with _opener(current).open(request, timeout=timeout) as response:
                return _result(url, hops, response.status, hashlib.sha256(response.read(max_bytes)).hexdigest())
        except urllib.error.HTTPError as exc:
            location = exc.headers.get("Location") if exc.headers else None
            if exc.code not in (301, 302, 303, 307, 308) or not location:
                return _result(url, hops, exc.code, None, f"Status {exc.code}")
            current = urljoin(current, location)
            hops.append((exc.code, current))
    return _result(url, hops, None, None, f"mehr als {MAX_REDIRECTS} Weiterleitungen")


def _result(
    url: str, hops: list[tuple[int, str]], status: int | None, sha256: str | None, error: str | None = None
) -> LinkResult:
    final = hops[-1][1] if hops else url
    redirects = tuple(f"{code} → {target}" for code, target in hops)
    return LinkResult(url, status, final, redirects, sha256, error)


def check_links(
    urls: Iterable[str],
    timeout: float = TIMEOUT_SECONDS,
    workers: int = WORKERS,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, LinkResult]:
    """Check all `urls`, at most `workers` at a time; results in the order of `urls`."""
    ordered = list(dict.fromkeys(urls))
    results: dict[str, LinkResult] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(check_url, url, timeout): url for url in ordered}
        for done, future in enumerate(as_completed(futures), start=1):
            results[futures[future]] = future.result()
            if progress:
                progress(done, len(ordered))
    return {url: results[url] for url in ordered}


# --- what to re-check ------------------------------------------------------------------------------


def findings(
    results: dict[str, LinkResult], uses: dict[str, list[Use]], previous: dict[str, str] | None = None
) -> list[Finding]:
    """The links an editor must look at again, each with what to do (German)."""
    found: list[Finding] = []
    for url, result in results.items():
        where = tuple(uses.get(url, ()))
        if not result.reachable:
            message = (
                f"NICHT ERREICHBAR: {url} – {result.error}. Öffnen Sie die Seite im Browser. Ist sie weg, "
                "suchen Sie eine neue amtliche Quelle oder nehmen Sie den Eintrag heraus und halten Sie das "
                "in docs/content-gaps.md fest."
            )
            found.append(Finding(url, "broken", message, where))
        elif result.moved:
            message = (
                f"WEITERLEITUNG: {url} führt zu {result.final_url}. Prüfen Sie, ob die neue Seite dasselbe "
                "sagt, und tragen Sie die neue Adresse ein."
            )
            found.append(Finding(url, "moved", message, where))
        if previous is not None and result.sha256 and url in previous and previous[url] != result.sha256:
            message = (
                f"GEÄNDERT: {url} sieht anders aus als beim Vergleichslauf. Vergleichen Sie Telefon, Zeiten "
                "und Angaben mit dem Eintrag. Stimmt alles, setzen Sie verified auf heute und "
                "verified_how: live."
            )
            found.append(Finding(url, "changed", message, where))
    return found


def summary(results: dict[str, LinkResult], found: list[Finding], compared: bool) -> str:
    broken = sum(1 for f in found if f.kind == "broken")
    moved = sum(1 for f in found if f.kind == "moved")
    changed = sum(1 for f in found if f.kind == "changed")
    ok = sum(1 for r in results.values() if r.reachable and not r.moved)
    lines = [
        f"Geprüft: {len(results)} Adressen. In Ordnung: {ok}. Weiterleitungen: {moved}. "
        f"Nicht erreichbar: {broken}." + (f" Geändert seit dem Vergleichslauf: {changed}." if compared else "")
    ]
    if results and not any(r.reachable for r in results.values()):
        lines.append("Keine einzige Seite war erreichbar: Hat dieser Rechner Verbindung zum Internet?")
    if found:
        lines.append(f"Bitte erneut prüfen: {len({f.url for f in found})} Adressen (Liste oben).")
    else:
        lines.append("Nichts zu tun. Eine erreichbare Seite heißt noch nicht, dass die Angaben stimmen.")
    if not compared:
        lines.append("Tipp: Mit --out DATEI speichern und beim nächsten Lauf mit --compare DATEI vergleichen.")
    return "\n".join(lines)
