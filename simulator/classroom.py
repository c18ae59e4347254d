"""The dashboard server for a class: idle kernels culled, a cap on kernels, a preheated one waiting.

``python -m simulator dashboard`` serves the lecture dashboard with Voila; each page that opens it gets a
kernel of its own (about :data:`KERNEL_MB` MB). Voila never frees a kernel when its page closes (its
shutdown beacon is refused: 403, missing ``_xsrf``, an open upstream issue), so the server culls kernels that
no page is connected to and that have been idle for ``cull_idle_s`` seconds; it caps the kernels that serve
pages at ``max_students`` (a page beyond the cap gets :func:`full_message` instead of a kernel); and it keeps
one kernel preheated (the notebook already run), so the next page shows its first plot at once.

Voila loads :class:`ClassroomKernelManager` by name (``--VoilaConfiguration.multi_kernel_manager_class``); the
class needs Jupyter Server (the ``lab`` extra, with Voila) and is built on first use, so the command line reads
this module's limits without loading Jupyter.
Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import os

from ._validate import check_int
from .labels import SHORT_DISCLAIMER

__all__ = [
    "CULL_IDLE_RANGE_S",
    "CULL_IDLE_S",
    "KERNEL_MB",
    "KERNEL_TRANSPORT",
    "MAX_STUDENTS_RANGE",
    "POOL_SIZE",
    "SERVER_MB",
    "USER_MEMORY_LIMIT_MB",
    "ClassroomKernelManager",  # noqa: F822 - built on first use by the module's __getattr__
    "default_max_students",
    "full_message",
    "lean_kernel_env",
    "voila_options",
]

#: Default seconds a kernel whose page has gone (no connection) may stay idle before it is culled: 3 minutes.
CULL_IDLE_S = 180
#: Allowed range of ``--cull-idle-s``: from 10 s (tests, demonstrations) to one day.
CULL_IDLE_RANGE_S = (10, 86400)
#: Allowed range of ``--max-students``.
MAX_STUDENTS_RANGE = (1, 1000)
#: Kernels kept preheated (the dashboard notebook already run in them), waiting for the next page.
POOL_SIZE = 1
#: Memory of one dashboard kernel, MB: measured by ``benchmarks/bench_kernels.py`` on the 2-core test machine after
#: ten slider moves, RSS 118 MB (PSS 93 MB: shared libraries divided among the kernels; 125 MB with the debugger);
#: 150 leaves room for the figures and pins of a long session (a measurement, not a published number).
KERNEL_MB = 150
#: Memory of one user's Jupyter server under JupyterHub (its kernels apart) once it has served the dashboard, MB:
#: RSS 152-158 MB measured by benchmarks/bench_hub.py on the 2-core test machine.
SERVER_MB = 160
#: The memory limit per user under JupyterHub, MB: the server and two dashboard kernels (a student with two tabs
#: open), with a quarter more for the figures a long session draws.
USER_MEMORY_LIMIT_MB = int(1.25 * (SERVER_MB + 2 * KERNEL_MB) // 64 + 1) * 64
#: Memory kept free for the server, the system and the lecturer's browser, MB.
RESERVE_MB = 2048


#: How a lean kernel starts: IPython's kernel without its debugger (debugpy: no one steps through the dashboard's
#: code in class). Measured by benchmarks/bench_kernels.py after ten moves: RSS 118 MB instead of 125, USS 88 instead of 95.
LEAN_KERNEL_CODE = (
    "import sys; sys.modules['debugpy'] = None; from ipykernel.kernelapp import launch_new_instance; launch_new_instance()"
)


#: Kernels talk to their server over Unix sockets (POSIX): with TCP, kernels starting at the same moment can pick
#: the same free port and die ("Address already in use", seen with 30 students logging in at once on one hub).
KERNEL_TRANSPORT = ("--KernelManager.transport=ipc",) if os.name == "posix" else ()


def lean_kernel_env(folder) -> dict:
    """Write a ``python3`` kernel spec without the debugger under ``folder``; return the environment that selects it.

    The spec (``folder/kernels/python3/kernel.json``) runs this Python with :data:`LEAN_KERNEL_CODE`; the returned
    ``JUPYTER_PATH`` puts it before the installed one for a server started with it (Voila, a hub's user servers).
    """
    import json
    import sys
    from pathlib import Path

    spec = Path(folder) / "kernels" / "python3"
    spec.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-c", LEAN_KERNEL_CODE, "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "Python 3", "language": "python"}))
    path = os.pathsep.join(p for p in (str(folder), os.environ.get("JUPYTER_PATH", "")) if p)
    return {"JUPYTER_PATH": path}


def _available_mb() -> float | None:
    """Return the memory available now, MB (Linux's MemAvailable, else the physical memory), or None if unknown."""
    try:
        with open("/proc/meminfo") as lines:
            for line in lines:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (ValueError, OSError, AttributeError):
        return None


def default_max_students(available_mb: float | None = None, kernel_mb: float = KERNEL_MB) -> int:
    """Return how many pages the server can give a kernel: the memory available less a reserve, per kernel.

    ``available_mb`` defaults to the memory available now; the preheated kernels are counted first. At least 1,
    at most the top of :data:`MAX_STUDENTS_RANGE`; 30 where the memory cannot be read.
    """
    if available_mb is None:
        available_mb = _available_mb()
        if available_mb is None:
            return 30
    places = int((available_mb - RESERVE_MB) // kernel_mb) - POOL_SIZE
    return max(MAX_STUDENTS_RANGE[0], min(MAX_STUDENTS_RANGE[1], places))


def full_message(max_students: int) -> str:
    """Return what a page beyond the cap says instead of starting a kernel (one line: it is an HTTP reason)."""
    return (
        f"The dashboard is full: all {max_students} places of this class are in use (the lecturer's --max-students). "
        "A place frees itself a few minutes after a page is closed: try again then, or ask the lecturer. "
        f"{SHORT_DISCLAIMER}"
    )


def voila_options(cull_idle_s: int = CULL_IDLE_S, max_students: int | None = None, pool_size: int = POOL_SIZE) -> list:
    """Return Voila's command-line options for a class: culling, the cap (this module's kernel manager), the pool.

    Kernels with no connected page are culled once idle ``cull_idle_s`` seconds (checked every tenth of that,
    at least every 5 s and at most every minute); busy kernels are never culled. Kernels talk over local sockets
    (:data:`KERNEL_TRANSPORT`).
    """
    cull_idle_s = check_int("cull_idle_s", cull_idle_s, low=CULL_IDLE_RANGE_S[0], high=CULL_IDLE_RANGE_S[1])
    if max_students is None:
        max_students = default_max_students()
    max_students = check_int("max_students", max_students, low=MAX_STUDENTS_RANGE[0], high=MAX_STUDENTS_RANGE[1])
    pool_size = check_int("pool_size", pool_size, low=0, high=10)
    interval = max(5, min(60, cull_idle_s // 10))
    manager = "ClassroomKernelManager"
    return [
        f"--VoilaConfiguration.multi_kernel_manager_class=simulator.classroom.{manager}",
        f"--{manager}.max_pages={max_students}",
        f"--{manager}.cull_idle_timeout={cull_idle_s}",
        f"--{manager}.cull_interval={interval}",
        f"--{manager}.cull_connected=False",
        f"--VoilaConfiguration.preheat_kernel={pool_size > 0}",
        f"--VoilaConfiguration.default_pool_size={pool_size}",
        *KERNEL_TRANSPORT,
    ]


def __getattr__(name):
    """Build :class:`ClassroomKernelManager` on first use (it needs Jupyter Server; the rest of this module does not)."""
    if name == "ClassroomKernelManager":
        cls = _kernel_manager_class()
        globals()[name] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _kernel_manager_class():
    from jupyter_core.utils import ensure_async
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from tornado.web import HTTPError
    from traitlets import Int

    class ClassroomKernelManager(AsyncMappingKernelManager):
        """Voila's kernel manager with a cap: at most ``max_pages`` kernels serve pages (the preheated pool apart).

        A page beyond the cap is answered with HTTP 503 and :func:`full_message` instead of a kernel. Voila
        wraps this class to add its pool of preheated kernels; that wrapper's ``get_pool_size`` is shadowed here so
        that a full class never hands out the preheated kernel (the pool is refilled only after a page took one).
        """

        max_pages = Int(30, config=True, help="At most this many kernels serve pages at once (the preheated ones apart).")

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self._starting_pages = 0
            wrapped = self.get_pool_size  # defined by Voila's wrapper of this class

            def get_pool_size(notebook_name):
                return 0 if self._full() else wrapped(notebook_name)

            self.get_pool_size = get_pool_size

        def _pooled(self) -> set:
            pooled = set()
            for pool in getattr(self, "_pools", {}).values():
                for task in pool:
                    if task.done() and not task.cancelled() and task.exception() is None:
                        pooled.add(task.result().get("kernel_id"))
            return pooled

        def pages(self) -> int:
            """Return how many kernels serve pages now (started or starting; the preheated ones not counted)."""
            return len(set(self.list_kernel_ids()) - self._pooled()) + self._starting_pages

        def _full(self) -> bool:
            return self.pages() >= self.max_pages

        async def start_kernel(self, *args, **kwargs):
            """Start a kernel, unless it is for a page and the class is full (HTTP 503 with :func:`full_message`)."""
            if (kwargs.get("env") or {}).get("VOILA_PREHEAT") == "True":  # refilling the pool
                return await ensure_async(super().start_kernel(*args, **kwargs))
            if self._full():
                self.log.warning("class full: %d pages have a kernel; refusing a new page", self.pages())
                raise HTTPError(503, reason=full_message(self.max_pages))
            self._starting_pages += 1
            try:
                return await ensure_async(super().start_kernel(*args, **kwargs))
            finally:
                self._starting_pages -= 1

    ClassroomKernelManager.__module__ = __name__
    return ClassroomKernelManager
