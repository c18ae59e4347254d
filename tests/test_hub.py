"""A real JupyterHub on loopback with the shipped deploy/jupyterhub_config.py: five students log in, see the dashboard, move it.

The hub runs with JupyterHub's dummy authenticator and its local spawner (one Jupyter server per user, as this
user) and npm's configurable-http-proxy, installed by .ci/run into build/node (or found on PATH). Five Chromium
contexts (five students, five cookie jars) log in at once; each lands on the dashboard (the config's default
URL) and a keyboard move on a slider draws a new frame. Skips without JupyterHub, the proxy or Chromium; fails
under CI. Teaching model: illustrative, not for dosing.
"""

import os
import time

import pytest
from browser_support import CHROMIUM, FLAGS, FRAME_RECORDER, press, settle, slider, wait_frame
from browser_support import missing as browser_missing
from hub_support import missing, running_hub

pytestmark = pytest.mark.slow
STUDENTS = 5


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    reason = browser_missing() or missing()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the hub test cannot run under CI: {reason}")
        pytest.skip(reason)
    with running_hub(tmp_path_factory.mktemp("hub")) as (url, process):
        yield url, process


def test_five_students_log_in_land_on_the_dashboard_and_move_a_slider(hub):
    from playwright.sync_api import sync_playwright

    url, process = hub
    started = time.monotonic()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            pages = []
            for n in range(STUDENTS):
                context = browser.new_context(viewport={"width": 1600, "height": 1000})
                context.add_init_script(FRAME_RECORDER)
                page = context.new_page()
                page.goto(f"{url}/hub/login", timeout=60000)
                page.fill("#username_input", f"student{n}")
                page.fill("#password_input", "any")
                page.click("#login_submit", no_wait_after=True)  # all five servers spawn at once
                pages.append(page)
            for n, page in enumerate(pages):
                # the hub's spawn-pending page first, then the user's server redirects to its default URL
                page.wait_for_url(f"**/user/student{n}/voila/render/06_lecture_dashboard.ipynb", timeout=300000)
                page.wait_for_function("window.__frames.length > 0", timeout=300000)  # the dashboard's first plot
                assert "Teaching model: illustrative only" in page.inner_text("body")
            for page in pages:
                settle(page)
                before = page.evaluate("window.__frames.length")
                press(page, slider(page, "dose per session"), "ArrowRight")
                wait_frame(page, before)
        finally:
            browser.close()
    elapsed = time.monotonic() - started
    servers = [c for c in _children(process.pid) if "jupyterhub.singleuser" in " ".join(c.cmdline())]
    assert len(servers) == STUDENTS, f"{len(servers)} user servers"
    assert elapsed < 600
    print(f"five students logged in, on the dashboard and moved a slider in {elapsed:.0f} s")


def _children(pid):
    import psutil

    found = []
    for child in psutil.Process(pid).children(recursive=True):
        try:
            child.cmdline()
            found.append(child)
        except psutil.Error:
            pass
    return found


def test_the_helm_values_carry_the_measured_limits_and_the_same_dashboard_and_culling(tmp_path, monkeypatch):
    import runpy
    from pathlib import Path

    import yaml

    from simulator import classroom

    deploy = Path(__file__).resolve().parents[1] / "deploy"
    values = yaml.safe_load((deploy / "z2jh-values.yaml").read_text())
    monkeypatch.chdir(tmp_path)  # the config writes its lean kernel spec beside the hub (its working folder), not in the checkout
    hub_config = runpy.run_path(str(deploy / "jupyterhub_config.py"), init_globals={"get_config": _Config})
    user = values["singleuser"]
    assert user["memory"]["limit"] == f"{classroom.USER_MEMORY_LIMIT_MB}M" == hub_config["c"].Spawner.mem_limit
    assert classroom.USER_MEMORY_LIMIT_MB >= classroom.SERVER_MB + 2 * classroom.KERNEL_MB  # two tabs fit
    assert user["defaultUrl"] == hub_config["DASHBOARD_URL"] == hub_config["c"].Spawner.default_url
    notebook = user["defaultUrl"].rsplit("/", 1)[1]
    assert (hub_config["NOTEBOOKS"] / notebook).is_file()
    culling = user["extraFiles"]["kernel-culling"]["data"]["MappingKernelManager"]
    assert culling["cull_idle_timeout"] == classroom.CULL_IDLE_S and culling["cull_connected"] is False
    assert f"--MappingKernelManager.cull_idle_timeout={classroom.CULL_IDLE_S}" in hub_config["c"].Spawner.args
    assert values["cull"]["enabled"] and values["cull"]["timeout"] == hub_config["SERVER_IDLE_S"]


def _Config():
    from traitlets.config import Config

    return Config()
