"""The age file format (https://age-encryption.org/v1) with one passphrase (scrypt) recipient, on the
primitives of `cryptography`: scrypt, HKDF-SHA-256, HMAC-SHA-256 and ChaCha20-Poly1305 in age's STREAM.

Why not a binding to an age library: pyrage (rage) measures the machine on every call to choose and to
accept the scrypt work factor, so on a busy server it took 6 s to encrypt and then refused to open its
own file ("Decryption would take around 32 seconds"). Here the work factor is fixed, and a file asking
for more than 2^20 is refused before any work. Any age implementation opens these files (the tests check
both ways with rage via pyrage).

Why 2^17 for new files, not Go age's default of 2^18: age's implementations aim at about a second on
the person's own device; here the server derives the key, shared by everyone using Lotse at that moment,
and each derivation holds 128 * 8 * N bytes of its memory (256 MiB at 2^18, 128 MiB at 2^17). 2^17 with
r = 8, p = 1 is the minimum OWASP's Password Storage Cheat Sheet recommends for scrypt. The encryption
protects a file that has left the person's hands (a lost phone, a cloud folder); against guessing, 2^17
costs the attacker half of what 2^18 does, one bit, while the passphrase decides the rest: the page asks
for at least 8 characters, "am besten ein Satz, den nur Sie kennen", and each word of such a sentence
adds far more than one bit. Files at 2^18 and up to 2^20 (Go age, rage on a fast machine) still open.

The server bounds the derivations: one per session at a time (a session's script runs one after the
other, and a save is a document under ui/download.py's lock), and at most `KDF_MEMORY` bytes of them in
the whole process at once. A derivation that finds no room within `KDF_WAIT` seconds is refused as
"busy" (a calm message on the page); a file above WORK_FACTOR takes the whole budget, so it runs alone.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import os
import threading
from hashlib import sha256
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

INTRO: Final = b"age-encryption.org/v1\n"
SCRYPT_LABEL: Final = b"age-encryption.org/v1/scrypt"
WORK_FACTOR: Final = 17
"""log2 of scrypt's N for new files: 128 MiB of memory and about half a second here (OWASP's minimum)."""
MAX_WORK_FACTOR: Final = 20
R: Final = 8
KDF_MEMORY: Final = 2 * 128 * R * 2**WORK_FACTOR
"""Bytes all key derivations of this process may hold at once: two of a new file's (256 MiB)."""
KDF_WAIT = 2.0
"""Seconds a derivation waits for room before it is refused as busy (a person rarely meets it)."""
CHUNK: Final = 64 * 1024
TAG: Final = 16
ZERO_NONCE: Final = bytes(12)


class AgeError(ValueError):
    """Why an age file cannot be opened: `code` is one of vocabulary.CASE_FILE_PROBLEMS."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _unb64(text: bytes) -> bytes:
    if b"=" in text or b"\r" in text:
        raise AgeError("damaged")
    try:
        return base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise AgeError("damaged") from None


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


class MemoryBudget:
    """A counting bound on memory: `take` waits up to `wait` seconds for `amount` bytes to be free."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.free = total
        self._changed = threading.Condition()

    def take(self, amount: int, wait: float) -> bool:
        with self._changed:
            if not self._changed.wait_for(lambda: self.free >= amount, timeout=wait):
                return False
            self.free -= amount
            return True

    def give(self, amount: int) -> None:
        with self._changed:
            self.free += amount
            self._changed.notify_all()


KDF_BUDGET: Final = MemoryBudget(KDF_MEMORY)


def _scrypt(secret: str, salt: bytes, work_factor: int) -> bytes:
    memory = min(128 * R * 2**work_factor, KDF_BUDGET.total)
    if not KDF_BUDGET.take(memory, KDF_WAIT):
        raise AgeError("busy")
    try:
        kdf = Scrypt(salt=SCRYPT_LABEL + salt, length=32, n=2**work_factor, r=R, p=1)
        return kdf.derive(secret.encode("utf-8"))
    finally:
        KDF_BUDGET.give(memory)


def encrypt(plaintext: bytes, secret: str, work_factor: int = WORK_FACTOR) -> bytes:
    """An age file (binary) that the passphrase `secret` opens."""
    file_key, salt = os.urandom(16), os.urandom(16)
    wrapped = ChaCha20Poly1305(_scrypt(secret, salt, work_factor)).encrypt(ZERO_NONCE, file_key, None)
    header = INTRO + b"-> scrypt " + _b64(salt) + b" %d\n" % work_factor + _b64(wrapped) + b"\n---"
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, sha256).digest()
    nonce = os.urandom(16)
    return header + b" " + _b64(mac) + b"\n" + nonce + _stream(_hkdf(file_key, nonce, b"payload"), plaintext)


def _stream(key: bytes, plaintext: bytes) -> bytes:
    aead = ChaCha20Poly1305(key)
    chunks = [plaintext[i : i + CHUNK] for i in range(0, len(plaintext), CHUNK)] or [b""]
    out = []
    for counter, chunk in enumerate(chunks):
        last = counter == len(chunks) - 1
        out.append(aead.encrypt(counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00"), chunk, None))
    return b"".join(out)


def decrypt(data: bytes, secret: str) -> bytes:
    """The plaintext of an age file with one scrypt stanza; AgeError says why it cannot be opened."""
    salt, work_factor, wrapped, header, mac, rest = _header(data)
    if work_factor > MAX_WORK_FACTOR:
        raise AgeError("too_costly")
    try:
        file_key = ChaCha20Poly1305(_scrypt(secret, salt, work_factor)).decrypt(ZERO_NONCE, wrapped, None)
    except InvalidTag:
        raise AgeError("wrong_passphrase") from None
    expected = hmac.new(_hkdf(file_key, b"", b"header"), header, sha256).digest()
    if not hmac.compare_digest(expected, mac):
        raise AgeError("damaged")
    if len(rest) < 16:
        raise AgeError("cut")
    return _unstream(_hkdf(file_key, rest[:16], b"payload"), rest[16:])


def _header(data: bytes) -> tuple[bytes, int, bytes, bytes, bytes, bytes]:
    if not data.startswith(INTRO):
        raise AgeError("cut" if INTRO.startswith(data) else "not_a_case_file")
    end = data.find(b"\n--- ")
    newline = data.find(b"\n", end + 5) if end >= 0 else -1
    if end < 0 or newline < 0:
        raise AgeError("cut")
    lines = data[len(INTRO) : end].split(b"\n")
    stanza = lines[0].split(b" ")
    if len(lines) != 2 or len(stanza) != 4 or stanza[:2] != [b"->", b"scrypt"] or not stanza[3].isdigit():
        raise AgeError("damaged")  # only files with exactly one passphrase are case files
    salt, wrapped = _unb64(stanza[2]), _unb64(lines[1])
    work_factor = int(stanza[3][:3])
    if len(salt) != 16 or len(wrapped) != 32 or work_factor < 1:
        raise AgeError("damaged")
    return salt, work_factor, wrapped, data[: end + 4], _unb64(data[end + 5 : newline]), data[newline + 1 :]


def _unstream(key: bytes, body: bytes) -> bytes:
    aead = ChaCha20Poly1305(key)
    size = CHUNK + TAG
    count = max(1, -(-len(body) // size))
    out = []
    for counter in range(count):
        chunk = body[counter * size : (counter + 1) * size]
        if len(chunk) < TAG:
            raise AgeError("cut")
        last = counter == count - 1
        try:
            out.append(aead.decrypt(counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00"), chunk, None))
        except InvalidTag:
            raise AgeError(_cut_or_damaged(aead, counter, chunk, last)) from None
    return b"".join(out)


def _cut_or_damaged(aead: ChaCha20Poly1305, counter: int, chunk: bytes, last: bool) -> str:
    """A chunk that fails as the last one but opens as a middle one: the file ends early (cut)."""
    if last and len(chunk) == CHUNK + TAG:
        try:
            aead.decrypt(counter.to_bytes(11, "big") + b"\x00", chunk, None)
        except InvalidTag:
            return "damaged"
        return "cut"
    return "damaged"
