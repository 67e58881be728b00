"""What the installers are built from agrees with the package: one version, the icon Qt can draw, the menu
entry, and the data files a bundle must carry. (packaging/build.sh builds and smoke-tests the real bundle; it
takes minutes, so it runs by hand and before a release, not in this suite.)"""

from __future__ import annotations

import configparser
import importlib.metadata
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from app.ui.app_icon import ICON_SVG, app_icon
from app.ui.start import application

import app

ROOT = Path(__file__).resolve().parents[1]


def test_one_version_for_the_package_and_the_installers():
    assert importlib.metadata.version("kefudesk") == app.__version__
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]  # no second, hand-kept number
    build = (ROOT / "packaging" / "build.sh").read_text(encoding="utf-8")
    assert "app/__init__.py" in build  # the bundle's name takes the same number
    assert "/DAppVersion=" in (ROOT / "packaging" / "windows" / "kefudesk.iss").read_text(encoding="utf-8")


def test_the_icon_draws_at_taskbar_and_installer_sizes(qapp):
    icon = app_icon()
    assert not icon.isNull()
    for size in (16, 32, 256):
        image = icon.pixmap(size, size).toImage()
        assert image.width() == size
        assert image.pixelColor(size // 2, size // 8).alpha() > 0  # drawn, not an empty square
    assert not application().windowIcon().isNull()  # the window and the taskbar show it


def test_the_menu_entry_names_the_command_and_the_icon_in_both_languages():
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # keys are case-sensitive in .desktop files
    entry.read(ROOT / "packaging" / "kefudesk.desktop", encoding="utf-8")
    desk = entry["Desktop Entry"]
    assert desk["Exec"] == "kefudesk" and desk["Icon"] == "kefudesk" and desk["Type"] == "Application"
    assert desk["Name[zh_CN]"] == "客服台"
    validate = shutil.which("desktop-file-validate")
    if validate:
        done = subprocess.run([validate, str(ROOT / "packaging" / "kefudesk.desktop")], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_every_data_file_the_desk_reads_is_in_the_package_data_and_the_bundle():
    """A file under app/ that is not Python must be listed for pip (pyproject) and collected for the bundle
    (the spec's patterns), or the installed desk misses it."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    spec = (ROOT / "packaging" / "kefudesk.spec").read_text(encoding="utf-8")
    bundled = re.findall(r'"\*\*/\*(\.\w+)"', spec)
    data = [p for p in (ROOT / "app").rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")
            and "__pycache__" not in p.parts]
    assert ICON_SVG in data
    for path in data:
        if path.suffix == ".ts":
            continue  # the translators' source; the .qm beside it is what runs
        assert path.suffix in bundled, f"{path.relative_to(ROOT)}: add *{path.suffix} to the spec's data files"
        package = ".".join(path.relative_to(ROOT).parent.parts)
        listed = re.search(rf'^"{re.escape(package)}" = \[(.*)\]', pyproject, re.M)
        parent = ".".join(path.relative_to(ROOT).parent.parent.parts)
        listed = listed or re.search(rf'^"{re.escape(parent)}" = \[(.*)\]', pyproject, re.M)
        assert listed and (path.suffix in listed.group(1)), f"{path.relative_to(ROOT)}: list it in package-data"


@pytest.mark.parametrize("script", ["build.sh", "os-deps.sh", "linux/install.sh"])
def test_the_shell_scripts_parse(script):
    done = subprocess.run(["bash", "-n", str(ROOT / "packaging" / script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
