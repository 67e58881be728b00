"""Time zones by name (app/store/zones.py): IANA names, UTC and fixed offsets both ways, the machine's by name."""

from __future__ import annotations

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from app.store.zones import zone_key, zone_of


def test_the_zone_names(monkeypatch):
    assert zone_key(UTC) == "UTC" and zone_of("UTC") is UTC
    assert zone_key(ZoneInfo("Asia/Shanghai")) == "Asia/Shanghai" and zone_of("Asia/Shanghai") == ZoneInfo("Asia/Shanghai")
    east = zone_of("UTC+05:45")
    assert east.utcoffset(None) == timedelta(hours=5, minutes=45) and zone_key(east) == "UTC+05:45"
    assert zone_key(zone_of("UTC-03:30")) == "UTC-03:30"
    monkeypatch.setenv("TZ", "America/New_York")
    assert zone_key(None) == "America/New_York"
