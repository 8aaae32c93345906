"""Set-up: the README's two commands install everything, on the Pythons people have. The Makefile's
Python floor is one every locked package accepts, scripts/setup-system.sh installs the missing
system packages or says the exact command to run, and CI sets up only through `make test`."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from importlib.metadata import distribution
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from conftest import ROOT

SETUP_SYSTEM = ROOT / "scripts" / "setup-system.sh"
BUILD_PACKAGES = ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core"]
TEST_PACKAGES = ["git", "chromium", "fonts-liberation", "libatomic1"]


def makefile_floor() -> Version:
    match = re.search(r"sys\.version_info < \((\d+), (\d+)\)", (ROOT / "Makefile").read_text(encoding="utf-8"))
    assert match, "the Makefile no longer checks the Python version with sys.version_info < (X, Y)"
    return Version(f"{match[1]}.{match[2]}.0")


def locked_packages() -> dict[str, str]:
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    return dict(re.match(r"([A-Za-z0-9_.-]+)==(\S+)", line).groups() for line in lines if re.match(r"[A-Za-z0-9]", line))


def test_every_locked_package_installs_on_the_makefiles_floor_python():
    """Debian 12's python3 is 3.11.2; the floor is 3.11.0, so a package needing 3.11.5 would break it."""
    floor = makefile_floor()
    refused = []
    for name, version in locked_packages().items():
        installed = distribution(name)
        assert installed.version == version, f"{name}: {installed.version} installed, {version} locked: run make"
        requires = installed.metadata.get("Requires-Python")
        if requires and not SpecifierSet(requires).contains(floor, prereleases=True):
            refused.append(f"{name}=={version} requires Python {requires}")
    assert not refused, (f"the Makefile and README say Python {floor} or newer, but: {'; '.join(refused)}. "
                         "Cap the package in requirements.in (see pymdown-extensions there), then make lock")


def test_the_readme_states_the_makefiles_floor():
    floor = makefile_floor()
    assert f"Python {floor.major}.{floor.minor} or newer" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture
def fake_system(tmp_path) -> tuple[dict, Path]:
    """A PATH where no Debian package is installed and apt-get, sudo and id are stand-ins that log
    their calls; returns the environment and the log."""
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    bin_dir.mkdir()
    for tool in ("grep", "env"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    stubs = {"dpkg-query": "exit 1", "apt-get": f'echo "apt-get $*" >> {log}',
             "id": 'echo "${FAKE_UID:-1000}"', "sudo": f'[ "$1" = -n ] && exit 1; echo "sudo $*" >> {log}'}
    for name, body in stubs.items():
        (bin_dir / name).write_text(f"#!{shutil.which('bash')}\n{body}\n")
        (bin_dir / name).chmod(0o755)
    env = {"PATH": str(bin_dir), "PYTHON": sys.executable, "HOME": str(tmp_path)}
    return env, log


def setup_system(what: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([shutil.which("bash"), str(SETUP_SYSTEM), what], env=env, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=30)


def test_without_root_or_sudo_it_stops_with_the_exact_command(fake_system):
    env, log = fake_system
    result = setup_system("test", env)
    assert result.returncode == 1
    command = "apt-get install -y -q --no-install-recommends " + " ".join(BUILD_PACKAGES + TEST_PACKAGES)
    assert f"sudo apt-get update && sudo {command}" in result.stderr, result.stderr
    assert not log.exists(), f"nothing may be installed without rights: {log.read_text()}"


def test_as_root_it_installs_what_is_missing(fake_system):
    env, log = fake_system
    result = setup_system("build", {**env, "FAKE_UID": "0"})
    assert result.returncode == 0, result.stderr
    assert log.read_text().splitlines() == [
        "apt-get update -q", "apt-get install -y -q --no-install-recommends " + " ".join(BUILD_PACKAGES)]


def test_serve_needs_no_browser_and_a_browser_found_is_not_installed(fake_system):
    env, log = fake_system
    browser = Path(env["PATH"]) / "chromium"
    browser.symlink_to(shutil.which("true"))
    setup_system("test", {**env, "FAKE_UID": "0"})
    installed = log.read_text().splitlines()[-1]
    assert "chromium" not in installed and "fonts-liberation" in installed, installed


def test_where_apt_has_the_headless_shell_it_is_the_browser_installed(fake_system):
    env, log = fake_system
    apt_cache = Path(env["PATH"]) / "apt-cache"
    apt_cache.write_text('#!/bin/sh\n[ "$1 $2" = "show chromium-headless-shell" ]\n')
    apt_cache.chmod(0o755)
    setup_system("test", {**env, "FAKE_UID": "0"})
    installed = log.read_text().splitlines()[-1].split()
    assert "chromium-headless-shell" in installed and "chromium" not in installed, installed


def test_nothing_missing_means_nothing_run(fake_system):
    env, log = fake_system
    (Path(env["PATH"]) / "dpkg-query").write_text("#!/bin/sh\necho 'install ok installed'\n")
    (Path(env["PATH"]) / "chromium").symlink_to(shutil.which("true"))
    (Path(env["PATH"]) / "git").symlink_to(shutil.which("true"))
    result = setup_system("test", env)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert not log.exists()


def test_ci_sets_up_only_through_make_test():
    """.ci/run may do nothing that a contributor's `make test` does not."""
    commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert commands == ["set -euo pipefail", 'cd "$(dirname "$0")/.."', "make test"], commands


def test_make_test_and_serve_run_the_set_up_script():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipes = dict(re.findall(r"^(serve|test|build): .*\n((?:\t.*\n)+)", makefile, flags=re.M))
    assert "$(SYSTEM) build" in recipes["serve"] and "$(SYSTEM) build" in recipes["build"]
    assert "$(SYSTEM) test" in recipes["test"]
    assert re.search(r"^SYSTEM := bash scripts/setup-system\.sh$", makefile, flags=re.M)


def test_a_too_old_python_gets_one_clear_line(tmp_path):
    old_python = tmp_path / "python3.10"
    old_python.write_text('#!/bin/sh\n[ "$1" = --version ] && echo "Python 3.10.12" && exit 0\nexit 1\n')
    old_python.chmod(0o755)
    venv = tmp_path / "venv"
    result = subprocess.run(["make", "--no-print-directory", "-s", "setup", f"PYTHON={old_python}", f"VENV={venv}"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert result.stdout.splitlines() == [
        "Python 3.11 or newer is needed (found: Python 3.10.12); say which to use with make PYTHON=python3.12 ..."]
    assert not venv.exists()
