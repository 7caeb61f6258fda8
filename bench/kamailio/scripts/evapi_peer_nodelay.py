#!/usr/bin/env python3
"""recipe/evapi_peer.py, unchanged, with TCP options set on its evapi socket.

Same command line as evapi_peer.py. perf-run.sh uses it for scenario B when PEER=nodelay or
PEER=quickack (env EVAPI_PEER_SOCKOPTS=nodelay|quickack|both):
  nodelay   TCP_NODELAY on the peer's socket (Nagle off for the replies it sends)
  quickack  TCP_QUICKACK re-armed after every recv(), so the peer ACKs Kamailio's events at once.
            Kamailio's evapi socket keeps Nagle on (5.6 sets no TCP_NODELAY); a small event written
            while an earlier one is still un-ACKed waits for that ACK, and a Linux receiver delays
            ACKs by up to ~40 ms. Quick ACKs from the client remove that wait.
A real engine (e.g. .NET) can do the same: Socket.NoDelay = true, and on Linux
setsockopt(IPPROTO_TCP, TCP_QUICKACK=12, 1) after each receive.
"""
import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "recipe"))
import evapi_peer  # noqa: E402

MODE = os.environ.get("EVAPI_PEER_SOCKOPTS", "nodelay")
TCP_QUICKACK = getattr(socket, "TCP_QUICKACK", 12)


class QuickAckSocket:
    """Delegates to a real socket; re-arms TCP_QUICKACK after every recv()."""

    def __init__(self, s):
        self._s = s
        s.setsockopt(socket.IPPROTO_TCP, TCP_QUICKACK, 1)

    def recv(self, n):
        data = self._s.recv(n)
        self._s.setsockopt(socket.IPPROTO_TCP, TCP_QUICKACK, 1)
        return data

    def __getattr__(self, name):
        return getattr(self._s, name)


_orig = socket.create_connection


def _create_connection(*args, **kwargs):
    s = _orig(*args, **kwargs)
    if MODE in ("nodelay", "both"):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if MODE in ("quickack", "both"):
        return QuickAckSocket(s)
    return s


evapi_peer.socket.create_connection = _create_connection

if __name__ == "__main__":
    evapi_peer.main()
