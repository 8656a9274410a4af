"""Test-only TCP proxy with faults between a client and a server, e.g. a worker and Redis (network I/O).

There is no toxiproxy here, so this is the small part of it the fault tests need:

* ``latency``: every chunk waits this many seconds before it is passed on, in both directions;
* ``pause()`` / ``resume()``: bytes (and new upstream connections) are held, not dropped, like a
  frozen network path; the kernel still accepts connections, so clients see silence, not refusal;
* ``reset()``: every open connection is aborted with a TCP RST on both sides (``SO_LINGER`` 0);
* ``connections`` and ``resets`` count what happened.

An asyncio loop runs in a daemon thread; the methods above are safe to call from the test's thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from typing import Any, TypeVar

CHUNK = 64 * 1024
T = TypeVar("T")


def _abort(writer: asyncio.StreamWriter) -> None:
    """Close ``writer``'s socket with an RST instead of a FIN."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


class TcpFaultProxy:
    """Listens on 127.0.0.1 (a free port) and forwards to ``upstream_host:upstream_port``."""

    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.latency = 0.0
        self.port = 0
        self.connections = 0
        self.resets = 0
        self._loop = asyncio.new_event_loop()
        self._open = asyncio.Event()
        self._pairs: set[tuple[asyncio.StreamWriter, asyncio.StreamWriter]] = set()
        self._server: asyncio.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, name="tcp-fault-proxy", daemon=True)

    def url(self, scheme: str = "redis", path: str = "/0") -> str:
        """``redis://127.0.0.1:<port>/0`` (or another scheme and path)."""
        return f"{scheme}://127.0.0.1:{self.port}{path}"

    def start(self) -> TcpFaultProxy:
        """Start listening; returns once the port is bound."""
        self._thread.start()
        self._call(self._start()).result(10)
        return self

    def stop(self) -> None:
        """Close the listener and every connection, then stop the loop."""
        self._call(self._stop()).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def pause(self) -> None:
        """Hold every byte in both directions until :meth:`resume`."""
        self._loop.call_soon_threadsafe(self._open.clear)

    def resume(self) -> None:
        """Pass bytes on again, held ones first."""
        self._loop.call_soon_threadsafe(self._open.set)

    def reset(self) -> int:
        """Abort every open connection with an RST on both sides; returns how many were open."""
        return self._call(self._reset()).result(10)

    def _call(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    async def _start(self) -> None:
        self._open.set()
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = int(self._server.sockets[0].getsockname()[1])

    async def _stop(self) -> None:
        if self._server is not None:
            self._server.close()
        await self._reset()
        handlers = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in handlers:
            task.cancel()
        await asyncio.gather(*handlers, return_exceptions=True)

    async def _reset(self) -> int:
        pairs = list(self._pairs)
        for client, upstream in pairs:
            _abort(client)
            _abort(upstream)
        self._pairs.clear()
        self.resets += len(pairs)
        return len(pairs)

    async def _handle(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        await self._open.wait()
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(*self.upstream)
        except OSError:
            _abort(client_writer)
            return
        pair = (client_writer, upstream_writer)
        self._pairs.add(pair)
        await asyncio.gather(
            self._pump(client_reader, upstream_writer),
            self._pump(upstream_reader, client_writer),
            return_exceptions=True,
        )
        self._pairs.discard(pair)
        for writer in pair:
            writer.close()

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while data := await reader.read(CHUNK):
            await self._open.wait()
            if self.latency > 0:
                await asyncio.sleep(self.latency)
            writer.write(data)
            await writer.drain()
        if not writer.is_closing() and writer.can_write_eof():
            writer.write_eof()
