"""Serve GoogLeNet Explorer from N Streamlit worker processes behind nginx (make serve WORKERS=3).

    .venv/bin/python deploy/serve.py --workers 3 --port 8501 [--host 127.0.0.1]

Starts N ``streamlit run app.py`` workers on loopback ports (base-port, base-port+1, ...), writes an
nginx config from deploy/nginx.conf.template into a temporary folder, starts Debian's nginx in front
(foreground, no system config touched) and stops everything on Ctrl-C / SIGTERM.

Each worker gets ``GOOGLENET_THREADS = max(1, cores // N - 1)`` PyTorch threads (googlenet.runtime.serving
explains the spare core), so N busy workers do not oversubscribe the cores, and all share one cookie secret (Streamlit's XSRF cookie is then valid
on every worker). The load test (scripts/load_test.py --workers 3) uses ``Deployment`` directly.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
COOKIE = "gnx_worker"


def find_nginx(install: bool = True) -> str:
    """Path of the nginx binary; installs Debian's package when missing and running as root."""
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx")
                                           if os.access(p, os.X_OK)), None)
    if found:
        return found
    if install and os.geteuid() == 0 and shutil.which("apt-get"):
        print("serve: nginx is missing: installing Debian's nginx package (apt-get)", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "nginx"], check=True, env=env)
        return find_nginx(install=False)
    raise SystemExit("serve: nginx is not installed. Install it (Debian/Ubuntu: sudo apt-get install nginx) "
                     "or run this as root to have it installed.")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        try:
            s.bind((host, port))
            return True
        except OSError:
            return False


def wait_healthy(url: str, process: subprocess.Popen | None, timeout: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            detail = log.read_text()[-3000:] if log and log.exists() else ""
            raise RuntimeError(f"{url}: the process exited early (code {process.returncode})\n{detail}")
        with contextlib.suppress(OSError):
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f}s")


def render_config(listen: str, worker_ports: list[int], run_dir: Path) -> str:
    upstreams = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in worker_ports)
    # As root, nginx would switch its worker process to "nobody", who cannot write our temp folder.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    text = TEMPLATE.read_text()
    for key, value in {"WORKERS": str(len(worker_ports)), "RUN": str(run_dir), "USER": user,
                       "COOKIE": COOKIE, "UPSTREAMS": upstreams, "LISTEN": listen}.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def worker_threads(workers: int) -> int:
    """googlenet.runtime.serving.default_threads(workers), without importing torch into this launcher."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, cores // workers - 1)


@dataclass
class Deployment:
    """N Streamlit workers + nginx. Use as a context manager, or start() / stop()."""
    workers: int = 3
    port: int = 8501
    host: str = "127.0.0.1"
    base_port: int | None = None
    env: dict = field(default_factory=dict)
    threads: int | None = None
    quiet: bool = False
    run_dir: Path | None = None
    processes: list = field(default_factory=list)
    worker_ports: list = field(default_factory=list)

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}"

    def say(self, message: str) -> None:
        if not self.quiet:
            print(f"serve: {message}", flush=True)

    def start(self, timeout: float = 180) -> "Deployment":
        nginx = find_nginx()
        if not port_is_free(self.port, "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host):
            raise SystemExit(f"serve: port {self.port} is already in use (choose another with PORT=...)")
        self.run_dir = Path(tempfile.mkdtemp(prefix="googlenet-serve-"))
        threads = self.threads or worker_threads(self.workers)
        secret = secrets.token_hex(16)
        if self.base_port:
            self.worker_ports = [self.base_port + i for i in range(self.workers)]
            busy = [p for p in self.worker_ports if not port_is_free(p)]
            if busy:
                raise SystemExit(f"serve: worker port(s) {busy} already in use (choose --base-port)")
        else:
            self.worker_ports = [free_port() for _ in range(self.workers)]
        env = {**os.environ, **self.env, "GOOGLENET_THREADS": str(threads),
               "STREAMLIT_SERVER_COOKIE_SECRET": secret}
        try:
            for port in self.worker_ports:
                log = self.run_dir / f"worker-{port}.log"
                cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                       "--server.address", "127.0.0.1", "--server.headless", "true",
                       "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
                proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                                        start_new_session=True)
                self.processes.append(("worker", proc, log))
            for (_, proc, log), port in zip(self.processes, self.worker_ports):
                wait_healthy(f"http://127.0.0.1:{port}", proc, timeout, log)
            self.say(f"{self.workers} worker(s) ready on 127.0.0.1:{', '.join(map(str, self.worker_ports))} "
                     f"({threads} torch thread(s) each)")
            conf = self.run_dir / "nginx.conf"
            conf.write_text(render_config(f"{self.host}:{self.port}", self.worker_ports, self.run_dir))
            # -e: our own error log from the first moment (a non-root user cannot open /var/log/nginx).
            base = [nginx, "-p", str(self.run_dir), "-e", str(self.run_dir / "error.log"), "-c", str(conf)]
            check = subprocess.run(base + ["-t", "-q"],
                                   capture_output=True, text=True)
            if check.returncode != 0:
                raise RuntimeError(f"nginx rejected the generated config {conf}:\n{check.stderr}")
            log = self.run_dir / "nginx.out"
            proc = subprocess.Popen(base, stdout=log.open("w"),
                                    stderr=subprocess.STDOUT, start_new_session=True)
            self.processes.append(("nginx", proc, log))
            wait_healthy(self.url, proc, 30, self.run_dir / "error.log")
            self.say(f"nginx on {self.url} -> {self.workers} worker(s), cookie affinity ({COOKIE}); "
                     f"config and logs in {self.run_dir}")
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for kind, proc, _ in reversed(self.processes):
            if proc.poll() is None:
                proc.send_signal(signal.SIGQUIT if kind == "nginx" else signal.SIGTERM)
        for kind, proc, _ in reversed(self.processes):
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        self.processes.clear()

    def cleanup(self) -> None:
        """Remove the temporary folder (generated config, nginx and worker logs); call after stop()."""
        if self.run_dir is not None and not any(p.poll() is None for _, p, _ in self.processes):
            shutil.rmtree(self.run_dir, ignore_errors=True)
            self.run_dir = None

    def __enter__(self) -> "Deployment":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def announce_teacher_pin() -> None:
    """Make the Classroom page's teacher PIN now, in this terminal: the workers write to log files nobody reads.
    With $GOOGLENET_TEACHER_PIN set nothing is printed; a PIN generated at an earlier start is only recalled
    (its hash is all that is kept), with the command that makes a new one."""
    sys.path.insert(0, str(ROOT))
    from googlenet.classroom import Classroom

    Classroom().ensure_pin()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", 3)))
    parser.add_argument("--port", type=int, default=8501, help="nginx's public port")
    parser.add_argument("--host", default="127.0.0.1", help="nginx's listen address (0.0.0.0: the whole network)")
    parser.add_argument("--base-port", type=int, default=8601, help="first worker port (loopback only)")
    args = parser.parse_args()
    if args.workers < 1:
        raise SystemExit("serve: --workers must be at least 1")
    deployment = Deployment(workers=args.workers, port=args.port, host=args.host, base_port=args.base_port)
    stop = {"now": False}

    def on_signal(signum, _frame):
        stop["now"] = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    announce_teacher_pin()
    deployment.start()
    print(f"serve: open {deployment.url} — Ctrl-C stops nginx and the workers", flush=True)
    try:
        while not stop["now"]:
            for kind, proc, log in deployment.processes:
                if proc.poll() is not None:
                    print(f"serve: {kind} exited (code {proc.returncode}); see {log}", flush=True)
                    stop["now"] = True
            time.sleep(0.5)
    finally:
        print("serve: stopping", flush=True)
        deployment.stop()
        deployment.cleanup()


if __name__ == "__main__":
    main()
