"""Length-prefixed frames over pipes and sockets, with a bound on what is read."""
from __future__ import annotations

import json
import os
import struct

HEADER = struct.Struct("!I")
MAX_FRAME = 16 * 1024 * 1024


class FrameError(Exception):
    """The peer sent something that is not a well-formed frame."""


def pack(payload: bytes) -> bytes:
    return HEADER.pack(len(payload)) + payload


def write_frame(fd: int, payload: bytes) -> None:
    data = memoryview(pack(payload))
    while data:
        data = data[os.write(fd, data):]


def write_json(fd: int, value: object) -> None:
    write_frame(fd, json.dumps(value, separators=(",", ":")).encode())


def read_exact(fd: int, size: int) -> bytes:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise FrameError("connection closed in the middle of a frame")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int, limit: int = MAX_FRAME) -> bytes:
    (size,) = HEADER.unpack(read_exact(fd, HEADER.size))
    if size > limit:
        raise FrameError(f"frame of {size} bytes exceeds the bound of {limit}")
    return read_exact(fd, size)


def read_json(fd: int, limit: int = MAX_FRAME) -> object:
    return json.loads(read_frame(fd, limit))


class FrameBuffer:
    """Collects bytes from an untrusted writer and keeps only the last complete frame."""

    def __init__(self, limit: int = MAX_FRAME):
        self.limit = limit
        self.pending = bytearray()
        self.last: bytes | None = None
        self.broken = False

    def feed(self, data: bytes) -> None:
        if self.broken:
            return
        self.pending += data
        while len(self.pending) >= HEADER.size:
            (size,) = HEADER.unpack_from(self.pending)
            if size > self.limit:
                self.broken = True
                self.pending.clear()
                return
            if len(self.pending) < HEADER.size + size:
                return
            self.last = bytes(self.pending[HEADER.size:HEADER.size + size])
            del self.pending[:HEADER.size + size]
