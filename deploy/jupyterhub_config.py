"""JupyterHub for a class on one machine: each student logs in and lands on the lecture dashboard.

Run from a checkout with the project installed (``pip install -e ".[lab]"`` and ``pip install jupyterhub``; the
proxy is npm's ``configurable-http-proxy`` on PATH)::

    jupyterhub -f deploy/jupyterhub_config.py

Each user gets a Jupyter server of their own (JupyterHub's default spawner: one process per system user, PAM
log-in) whose default page is the dashboard rendered by Voila's server extension. Kernels whose page has gone
are culled after ``simulator.classroom.CULL_IDLE_S`` seconds idle; a server with no kernel and no request for
``SERVER_IDLE_S`` seconds stops itself, so an absent student holds no memory. The limits per user are the ones
measured in README ("A class on a server"); the local spawner does not enforce them (systemdspawner or Kubernetes
do: see deploy/z2jh-values.yaml). It listens on loopback only: put it behind TLS (a reverse proxy) and change
``bind_url`` to open it to a class network. Teaching model: illustrative, not for dosing.
"""

import os
import sys
from pathlib import Path

from simulator import classroom

c = get_config()  # noqa: F821 - JupyterHub's config loader provides it

#: The course notebooks of this checkout: every user's server opens here (read-only use: Voila writes nothing).
NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
#: The page a user lands on after logging in.
DASHBOARD_URL = "/voila/render/06_lecture_dashboard.ipynb"
#: A user's server with no kernel, terminal or request for this many seconds stops itself (10 minutes).
SERVER_IDLE_S = 600
#: Serve the dashboard only: JupyterLab, its language server and terminals are not loaded in the users' servers
#: (80 MB each instead of 91 MB when idle, measured). Set False to let students open the course notebooks in Lab.
DASHBOARD_ONLY = True

c.JupyterHub.bind_url = "http://127.0.0.1:8000/"
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]  # this environment's Python, with the project
c.Spawner.notebook_dir = str(NOTEBOOKS)
c.Spawner.default_url = DASHBOARD_URL
# kernels without the debugger (8 MB less each, measured), from a kernel spec written beside the hub's database;
# each user's runtime files (the kernels' Unix sockets) in a short folder: a socket's path has at most 107 characters
c.Spawner.environment = {
    **classroom.lean_kernel_env(Path.cwd() / "lean-kernel"),
    "JUPYTER_RUNTIME_DIR": lambda spawner: f"/tmp/ketamine-hub-runtime-{spawner.user.name}",
}
c.Spawner.args = [
    f"--MappingKernelManager.cull_idle_timeout={classroom.CULL_IDLE_S}",
    f"--MappingKernelManager.cull_interval={max(5, min(60, classroom.CULL_IDLE_S // 10))}",
    "--MappingKernelManager.cull_connected=False",
    f"--ServerApp.shutdown_no_activity_timeout={SERVER_IDLE_S}",
    *classroom.KERNEL_TRANSPORT,  # Unix sockets: kernels starting together never race for a TCP port
]
if DASHBOARD_ONLY:
    c.Spawner.args += [
        f"--ServerApp.jpserver_extensions={name}=False"
        for name in ("jupyterlab", "jupyter_lsp", "notebook_shim", "jupyter_server_terminals")
    ]
if hasattr(os, "geteuid") and os.geteuid() == 0:  # servers spawned as root (a container, the test's local spawner)
    c.Spawner.args.append("--allow-root")
# the measured need of one user (README): enforced by spawners that can (systemdspawner, KubeSpawner)
c.Spawner.mem_limit = f"{classroom.USER_MEMORY_LIMIT_MB}M"
c.Spawner.cpu_limit = 1.0
c.Spawner.start_timeout = 120  # a user's server starts in 5-20 s on the 2-core test machine
c.Spawner.http_timeout = 120
