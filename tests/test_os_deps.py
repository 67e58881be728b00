"""packaging/os-deps.sh, the project's own installer of what Qt needs from the OS, run against a stand-in system: a
PATH of small fake programs (ldconfig, fc-list, apt-get or dnf, id) so the test needs no root and changes
nothing. The real package managers cannot run here; the fakes record what they were asked."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "packaging" / "os-deps.sh"

if shutil.which("bash") is None:  # pragma: no cover - every Linux CI has bash
    pytest.skip("os-deps.sh is a bash script and this machine has no bash", allow_module_level=True)


def fake_system(tmp_path: Path, *, manager: str, libs: list[str], fonts: str = "") -> Path:
    """A bin folder with the script's tools: real grep/awk/sed/env, fake ldconfig/fc-list/id and a package manager
    that writes its arguments to calls.txt."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "grep", "awk", "sed", "env", "cat"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    scripts = {
        "ldconfig": "printf '%s\\n' " + " ".join(f"'\t{lib} (libc6,x86-64) => /lib/{lib}'" for lib in libs) + "\n"
        if libs else "true\n",
        "fc-list": f"printf '%s' {fonts!r}\n",
        "id": "echo 0\n",
        manager: f"echo \"$@\" >> {tmp_path / 'calls.txt'}\n",
    }
    for name, body in scripts.items():
        path = bin_dir / name
        path.write_text("#!" + shutil.which("bash") + "\n" + body, encoding="utf-8")
        path.chmod(0o755)
    return bin_dir


def run(bin_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": str(bin_dir), "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run([str(bin_dir / "bash"), str(SCRIPT), *args], env=env, capture_output=True, text=True,
                          timeout=60)


def test_a_bare_debian_box_is_told_the_debian_packages_qt_and_chinese_text_need(tmp_path):
    done = run(fake_system(tmp_path, manager="apt-get", libs=[]), "--check", "--test")
    assert done.returncode == 1
    missing = done.stdout.split("missing ", 1)[1].split()
    assert {"libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "fonts-noto-cjk", "fonts-noto-color-emoji",
            "xvfb"} <= set(missing)
    assert missing.count("fontconfig") <= 1  # named once though two checks want it
    assert not (tmp_path / "calls.txt").exists()  # --check installs nothing


def test_fedora_gets_fedora_names(tmp_path):
    done = run(fake_system(tmp_path, manager="dnf", libs=[]), "--check")
    missing = done.stdout.split("missing ", 1)[1].split()
    assert {"xcb-util-cursor", "libxkbcommon-x11", "mesa-libEGL", "google-noto-sans-cjk-fonts"} <= set(missing)
    assert "libxcb-cursor0" not in missing and "xorg-x11-server-Xvfb" not in missing  # Xvfb only with --test


def test_it_installs_only_what_is_missing_and_a_complete_box_is_left_alone(tmp_path):
    present = ["libEGL.so.1", "libGL.so.1", "libfontconfig.so.1", "libxkbcommon.so.0", "libxcb-icccm.so.4",
               "libxcb-keysyms.so.1", "libxcb-image.so.0", "libxcb-render-util.so.0", "libxcb-xkb.so.1",
               "libxcb-shape.so.0", "libxcb-randr.so.0", "libxcb-xinerama.so.0", "libdbus-1.so.3"]
    bin_dir = fake_system(tmp_path, manager="apt-get", libs=present,
                          fonts="/usr/share/fonts/NotoSansCJK.ttc: Noto Sans CJK SC\nNotoColorEmoji.ttf: Noto Color Emoji")
    done = run(bin_dir, "--test")
    assert done.returncode == 0, done.stderr
    calls = (tmp_path / "calls.txt").read_text(encoding="utf-8").splitlines()
    install = next(call for call in calls if call.startswith("install"))
    asked = set(install.split()) - {"install", "-y", "-qq", "--no-install-recommends"}
    assert asked == {"libxkbcommon-x11-0", "libxcb-cursor0", "xvfb", "xauth"}

    everything = present + ["libxkbcommon-x11.so.0", "libxcb-cursor.so.0"]
    (tmp_path / "calls.txt").unlink()
    shutil.rmtree(bin_dir)
    bin_dir = fake_system(tmp_path, manager="apt-get", libs=everything, fonts="WenQuanYi Micro Hei\nNoto Color Emoji")
    (bin_dir / "Xvfb").symlink_to(bin_dir / "id")
    again = run(bin_dir, "--test")
    assert again.returncode == 0 and "nothing missing" in again.stdout
    assert not (tmp_path / "calls.txt").exists()


def test_an_unknown_option_names_the_ones_there_are(tmp_path):
    done = run(fake_system(tmp_path, manager="apt-get", libs=[]), "--everything")
    assert done.returncode == 2 and "--test" in done.stderr and "--check" in done.stderr
