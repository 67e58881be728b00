"""Whether Qt can put the desk on a screen here, asked before Qt is loaded: without a display, or without the X11
libraries Qt 6 loads for it, Qt aborts the whole process (SIGABRT, exit 134) with a message about a plugin.
The desk says instead, in one line, what is missing and the way out."""

from __future__ import annotations

import ctypes.util
import os
import re
import sys
from collections.abc import Callable, Mapping

NO_DISPLAY = ("no display: set DISPLAY (or WAYLAND_DISPLAY) to a running screen, or use --screenshot, or "
              "QT_QPA_PLATFORM=offscreen")
NO_X_SERVER = ("no display: DISPLAY is {display} but no X server is running there; start one (or set DISPLAY to "
               "yours), or use --screenshot, or QT_QPA_PLATFORM=offscreen")
NO_XCB_LIBRARIES = ("Qt cannot open the X11 display {display}: the OS library {library} is missing; install Qt's "
                    "X11 libraries with `sudo packaging/os-deps.sh` from the KefuDesk source (Debian/Ubuntu "
                    "package {deb}, Fedora {rpm})")
# Qt 6.5+ refuses its xcb platform without xcb-cursor; the others come with any X11 desktop, though not with a
# bare server image
_XCB_LIBRARIES = (("xcb-cursor", "libxcb-cursor0", "xcb-util-cursor"),
                  ("xkbcommon-x11", "libxkbcommon-x11-0", "libxkbcommon-x11"))


def screen_problem(env: Mapping[str, str], platform: str = sys.platform,
                   find_library: Callable[[str], str | None] = ctypes.util.find_library,
                   exists: Callable[[str], bool] = os.path.exists) -> str | None:
    """None when Qt can show a window here; otherwise the one line that says what is missing and what to do."""
    if not platform.startswith("linux"):
        return None  # Windows and macOS always have their own screen plugin
    qpa = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].split(";", 1)[0].strip()
    if qpa and qpa not in ("xcb", "wayland", "wayland-egl"):
        return None  # offscreen, vnc, minimal, eglfs…: no display server wanted
    display = env.get("DISPLAY", "")
    if qpa.startswith("wayland") or (not qpa and not display and env.get("WAYLAND_DISPLAY")):
        return None if env.get("WAYLAND_DISPLAY") else NO_DISPLAY
    if not display:
        return NO_DISPLAY
    local = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)  # a server on this machine listens on its socket
    if local and not exists(f"/tmp/.X11-unix/X{local.group(1)}"):
        return NO_X_SERVER.format(display=display)
    for library, deb, rpm in _XCB_LIBRARIES:
        if find_library(library) is None:
            return NO_XCB_LIBRARIES.format(display=display, library=f"lib{library}", deb=deb, rpm=rpm)
    return None
