"""Time zones by name, as the store keeps data per zone (the KPIs' local days, app/store/rollups.py): an IANA name,
"UTC" or a fixed offset such as "UTC+08:00"; the machine's own zone by its name."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_OFFSET = re.compile(r"^UTC([+-])(\d\d):(\d\d)$")


def zone_key(tz: tzinfo | None) -> str:
    """The name rollups are kept under for this zone: an IANA name, "UTC" or "UTC+08:00"; None: the machine's."""
    if tz is None:
        return _machine_zone()
    key = getattr(tz, "key", None)
    if isinstance(key, str) and key:
        return key
    offset = tz.utcoffset(None)
    if offset is None:
        raise ValueError(f"a zone without a name or fixed offset: {tz!r}")
    if not offset:
        return "UTC"
    sign, minutes = ("-", -offset) if offset < timedelta(0) else ("+", offset)
    total = int(minutes.total_seconds()) // 60
    return f"UTC{sign}{total // 60:02d}:{total % 60:02d}"


def zone_of(key: str) -> tzinfo:
    if key == "UTC":
        return UTC
    fixed = _OFFSET.match(key)
    if fixed:
        minutes = int(fixed[2]) * 60 + int(fixed[3])
        return timezone(timedelta(minutes=minutes if fixed[1] == "+" else -minutes))
    return ZoneInfo(key)


def _machine_zone() -> str:
    """The machine's zone by name (TZ, else /etc/localtime's link), else its offset now."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
        candidates.append(target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "")
    except OSError:
        pass
    for name in candidates:
        if name:
            try:
                ZoneInfo(name)
                return name
            except (ZoneInfoNotFoundError, ValueError):
                continue
    local = datetime.now().astimezone().tzinfo
    assert local is not None
    return zone_key(timezone(local.utcoffset(None) or timedelta(0)))
