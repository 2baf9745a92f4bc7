"""scripts/check_system.py: a machine without Pango gets it installed when it can (root
with apt-get), or a Danish message saying what to install. The missing library and
apt-get are simulated: no real package is installed here."""

from __future__ import annotations

import subprocess

import check_system
import pytest
from conftest import ROOT


class Machine:
    """A simulated machine: which libraries it has, whether apt-get works, what was run."""

    def __init__(self, has_pango: bool, root: bool, apt_works: bool = True, has_apt: bool = True):
        self.libraries = set(check_system.PANGO_LIBRARIES) if has_pango else set()
        self.root, self.apt_works, self.has_apt = root, apt_works, has_apt
        self.commands: list[list[str]] = []

    def find(self, name: str) -> str | None:
        return f"lib{name}.so" if name in self.libraries else None

    def which(self, name: str) -> str | None:
        return f"/usr/bin/{name}" if name == "apt-get" and self.has_apt else None

    def run(self, command, **kwargs) -> subprocess.CompletedProcess:
        self.commands.append(list(command))
        ok = self.apt_works
        if ok and "install" in command:
            self.libraries |= set(check_system.PANGO_LIBRARIES)
        return subprocess.CompletedProcess(command, 0 if ok else 100)

    def install(self) -> bool:
        return check_system.apt_install(check_system.PANGO_PACKAGES, "test", run=self.run,
                                        is_root=lambda: self.root, which=self.which)


def test_missing_pango_is_installed_with_apt_get_as_root(capsys):
    machine = Machine(has_pango=False, root=True)
    assert check_system.main(find=machine.find, install=machine.install) == 0
    installs = [c for c in machine.commands if "install" in c]
    assert installs == [["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                         "libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"]]
    assert ["apt-get", "update", "-qq"] in machine.commands
    assert "Installerer libpango-1.0-0" in capsys.readouterr().out


@pytest.mark.parametrize("machine", [Machine(False, root=False), Machine(False, root=True, apt_works=False),
                                     Machine(False, root=True, has_apt=False)],
                         ids=["not-root", "apt-get-fails", "no-apt-get"])
def test_without_a_way_to_install_it_stops_with_the_danish_message(capsys, machine):
    assert check_system.main(find=machine.find, install=machine.install) == 1
    message = capsys.readouterr().err
    assert "Systembiblioteket Pango mangler; WeasyPrint skal bruge det for at lave PDF'en." in message
    assert "Mangler / missing: pango-1.0, pangoft2-1.0" in message
    assert "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" in message
    assert not machine.libraries


def test_a_machine_with_pango_installs_nothing():
    machine = Machine(has_pango=True, root=True)
    assert check_system.main(find=machine.find, install=machine.install) == 0
    assert machine.commands == []


def test_make_site_checks_the_machine_before_building():
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nsite:", 1)[1].split("\n\n", 1)[0]
    assert recipe.index("scripts/check_system.py") < recipe.index("scripts/build.py")
