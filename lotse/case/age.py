"""The age file format (https://age-encryption.org/v1) with one passphrase (scrypt) recipient, on the
primitives of `cryptography`: scrypt, HKDF-SHA-256, HMAC-SHA-256 and ChaCha20-Poly1305 in age's STREAM.

Why not a binding to an age library: pyrage (rage) measures the machine on every call to choose and to
accept the scrypt work factor, so on a busy server it took 6 s to encrypt and then refused to open its
own file ("Decryption would take around 32 seconds"). Here the work factor is fixed at 2^18, the default
of the reference implementation (Go age), and a file asking for more than 2^20 is refused before any
work. Any age implementation opens these files (the tests check both ways with rage via pyrage).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import os
from hashlib import sha256
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

INTRO: Final = b"age-encryption.org/v1\n"
SCRYPT_LABEL: Final = b"age-encryption.org/v1/scrypt"
WORK_FACTOR: Final = 18
"""log2 of scrypt's N for new files: 256 MiB of memory and about a second, as Go age does."""
MAX_WORK_FACTOR: Final = 20
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


def _scrypt(secret: str, salt: bytes, work_factor: int) -> bytes:
    kdf = Scrypt(salt=SCRYPT_LABEL + salt, length=32, n=2**work_factor, r=8, p=1)
    return kdf.derive(secret.encode("utf-8"))


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
