"""The saved case: an age file (age-encryption.org/v1, lotse/case/age.py) protected by the person's
passphrase, in age's ASCII armor, so `age -d` or `rage -d` opens it too (docs/case-file.md says why).

Inside is UTF-8 JSON: {"format": "lotse-fall", "version": 1, "case": {...}}. The version is inside the
encryption, so a file from a later Lotse is told apart from a damaged one only after the passphrase
fits. Version 2 added the safety plan (`case.safety`); a case without one is still written as version 1,
so a Lotse that knows only version 1 keeps opening it. Every way a file can fail has its own code
(vocabulary.CASE_FILE_PROBLEMS); the words for each are content (texts/de.yaml, `case.file_problems`).
Nothing here keeps the bytes or the passphrase.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any, Final

from pydantic import ValidationError

from lotse.case.age import WORK_FACTOR, AgeError, decrypt, encrypt
from lotse.case.model import Case, CaseValueError
from lotse.content.problems import RefusalError

FORMAT: Final = "lotse-fall"
VERSION: Final = 2
"""The newest format this Lotse reads and writes: 1 the incidents, 2 also the safety plan."""
FILENAME: Final = "Mein-Fall.age"
MIME: Final = "application/octet-stream"
MAX_FILE_BYTES: Final = 700_000
"""The largest case file: in Base64 it still fits the 1 MB the server takes from a browser in one
message (server.maxWidgetStateSize). About 1,000 incidents of a few lines each."""
MAX_PASSPHRASE: Final = 1000
MIN_PASSPHRASE: Final = 8
BEGIN: Final = b"-----BEGIN AGE ENCRYPTED FILE-----"
END: Final = b"-----END AGE ENCRYPTED FILE-----"


class CaseFileError(ValueError):
    """A file that cannot be opened (or a case that cannot be saved); `code` says why. For `invalid`,
    `detail` is where in the case and `problem` what is wrong there."""

    def __init__(self, code: str, detail: str = "", problem: RefusalError | None = None) -> None:
        self.code = code
        self.detail = detail
        self.problem = problem
        super().__init__(code if not detail else f"{code}: {detail}")


def check_passphrase(secret: str, *, new: bool) -> None:
    if not secret or len(secret) > MAX_PASSPHRASE or (new and len(secret) < MIN_PASSPHRASE):
        raise CaseFileError("short_passphrase" if new else "wrong_passphrase")


def to_payload(case: Case) -> bytes:
    """The plain JSON inside the file (also what `lotse case new` reads, without the envelope)."""
    version = VERSION if case.safety else 1  # the oldest format that holds the case
    envelope = {"format": FORMAT, "version": version, "case": case.model_dump(mode="json", exclude_defaults=True)}
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def from_payload(data: bytes) -> Case:
    try:
        envelope: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise CaseFileError("damaged") from None
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise CaseFileError("not_a_case_file")
    version = envelope.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise CaseFileError("damaged")
    if version > VERSION:
        raise CaseFileError("later_version", str(version))
    try:
        return Case.model_validate(envelope.get("case"))
    except ValidationError as exc:
        raise CaseFileError("invalid", *first_problem(exc)) from None


def seal(case: Case, secret: str, work_factor: int = WORK_FACTOR) -> bytes:
    """The case as an armored age file, encrypted with `secret` (scrypt, as age does for passphrases)."""
    check_passphrase(secret, new=True)
    payload = to_payload(case)
    try:
        encrypted = encrypt(payload, secret, work_factor)
    except AgeError as exc:  # "busy": no room for another key derivation right now
        raise CaseFileError(exc.code) from None
    armored = armor(encrypted)
    if len(armored) > MAX_FILE_BYTES:
        raise CaseFileError("too_large")
    return armored


def unseal(data: bytes, secret: str) -> Case:
    """The case in an age file (armored or binary); CaseFileError with the reason when it cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        raise CaseFileError("too_large")
    check_passphrase(secret, new=False)
    binary = dearmor(data) if data.lstrip().startswith(BEGIN) else data
    try:
        payload = decrypt(binary, secret)
    except AgeError as exc:
        raise CaseFileError(exc.code) from None
    return from_payload(payload)


def armor(binary: bytes) -> bytes:
    """age's ASCII armor: strict Base64 in lines of 64 characters between BEGIN and END."""
    encoded = base64.b64encode(binary)
    lines = [encoded[i : i + 64] for i in range(0, len(encoded), 64)]
    return b"\n".join([BEGIN, *lines, END]) + b"\n"


def dearmor(data: bytes) -> bytes:
    lines = data.strip().replace(b"\r\n", b"\n").split(b"\n")
    if lines[-1].strip() != END:
        raise CaseFileError("cut")
    body = b"".join(line.strip() for line in lines[1:-1])
    try:
        return base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise CaseFileError("damaged") from None


def first_problem(exc: ValidationError) -> tuple[str, RefusalError]:
    """The first problem of a validation: where (e.g. `incidents.0.author`), and the model's own refusal,
    or that the value is missing or not possible there."""
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    if error["type"] == "missing":
        return where, CaseValueError("case_missing")
    own = error.get("ctx", {}).get("error") if error["type"] == "value_error" else None
    return where, own if isinstance(own, RefusalError) else CaseValueError("case_value")
