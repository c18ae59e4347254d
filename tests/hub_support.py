"""Run the shipped deploy/jupyterhub_config.py for real on loopback: for tests/test_hub.py and benchmarks/bench_hub.py.

JupyterHub's dummy authenticator (any name, any password) and its local spawner (one Jupyter server per user, as
this user, home folders under the state folder); npm's configurable-http-proxy from build/node (where .ci/run
installs it) or PATH. Everything the hub started is stopped after, whatever happens. Teaching model:
illustrative, not for dosing.
"""

from __future__ import annotations

import html
import http.cookiejar
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from simulator.cli import free_port, stop

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
#: Where .ci/run installs the proxy: ``npm install --prefix build/node configurable-http-proxy@5``.
PROXY_BIN = ROOT / "build" / "node" / "node_modules" / ".bin"
INSTALL_HINT = "npm install --prefix build/node configurable-http-proxy@5 (as .ci/run does) and pip install jupyterhub"


def proxy() -> str | None:
    """Return the configurable-http-proxy command, or None."""
    local = PROXY_BIN / "configurable-http-proxy"
    return str(local) if local.exists() else shutil.which("configurable-http-proxy")


def missing() -> str | None:
    """Return why a hub cannot run here, or None."""
    import importlib.util

    if importlib.util.find_spec("jupyterhub") is None:
        return f"the jupyterhub package is missing: {INSTALL_HINT}"
    if proxy() is None:
        return f"no configurable-http-proxy: {INSTALL_HINT}"
    return None


@contextmanager
def running_hub(state: Path, timeout: float = 120.0):
    """Start JupyterHub with the shipped config in ``state`` (its database, cookie secret, users' homes, hub.log).

    Yields (base URL, the hub's process).
    """
    port, hub_port, api_port = free_port(), free_port(), free_port()
    command = [
        sys.executable, "-m", "jupyterhub", "-f", str(CONFIG),
        "--JupyterHub.authenticator_class=dummy", "--JupyterHub.spawner_class=simple",
        f"--SimpleLocalProcessSpawner.home_dir_template={state}/{{username}}",
        f"--JupyterHub.bind_url=http://127.0.0.1:{port}/", "--JupyterHub.hub_ip=127.0.0.1", f"--JupyterHub.hub_port={hub_port}",
        f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{api_port}", f"--ConfigurableHTTPProxy.command={proxy()}",
    ]  # fmt: skip
    log_path = state / "hub.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=state, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/hub/api/", timeout=5):
                        break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"JupyterHub did not start: {log_path.read_text()[-3000:]}") from None
                    time.sleep(0.5)
            yield url, process
        finally:
            stop(process, timeout=30)


def open_dashboard(url: str, user: str, timeout: float = 300.0) -> float:
    """Log ``user`` in over HTTP (the login form, its _xsrf), wait for their server, GET the dashboard; return seconds.

    The dashboard page is the user's default URL; Voila runs the notebook in a new kernel for the request, and the
    page has arrived once its statement is in the HTML.
    """
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    start = time.monotonic()
    form = opener.open(f"{url}/hub/login", timeout=60).read().decode()
    xsrf = html.unescape(re.search(r'name="_xsrf"[^>]*value="([^"]+)"', form).group(1))
    data = urllib.parse.urlencode({"username": user, "password": "any", "_xsrf": xsrf}).encode()
    opener.open(f"{url}/hub/login?next=", data=data, timeout=60).read()
    target = f"{url}/user/{user}/voila/render/06_lecture_dashboard.ipynb"
    deadline = start + timeout
    while True:
        try:
            with opener.open(target, timeout=max(5.0, deadline - time.monotonic())) as reply:
                body = reply.read().decode()
                if f"/user/{user}/" in reply.url and "Teaching model: illustrative only" in body:
                    return time.monotonic() - start
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{user}: no dashboard within {timeout:g} s")
        time.sleep(1.0)
