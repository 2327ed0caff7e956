"""A download server on 127.0.0.1 for the weights tests: the real downloader runs, the internet is never asked."""
from __future__ import annotations

import hashlib
import http.server
import threading
import time


def serve_bytes(body: bytes, pieces: int = 1, pause: float = 0.0, port: int = 0):
    """A server on 127.0.0.1 (`port`, or a free one) that answers every GET with `body`, sent in `pieces`
    `pause` seconds apart; returns it (stop it with .shutdown() and .server_close())."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            step = -(-len(body) // pieces)
            for start in range(0, len(body), step):
                self.wfile.write(body[start:start + step])
                self.wfile.flush()
                time.sleep(pause)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def hashed_name(data: bytes) -> str:
    """A torchvision-style name whose hex part is the start of `data`'s sha256, so the real hash check passes."""
    return f"googlenet-{hashlib.sha256(data).hexdigest()[:8]}.pth"


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (for now): a connection there is refused, as offline."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
