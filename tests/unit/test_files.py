"""An export the agent chose a name for is written whole or not at all."""

from __future__ import annotations

import os

import pytest

from app.files import write_atomic


def test_a_write_that_fails_half_way_leaves_the_old_file_and_no_scraps(tmp_path):
    target = tmp_path / "退款表.xlsx"
    write_atomic(target, "第一版")

    def breaks(handle) -> None:  # noqa: ANN001 - the open file
        handle.write(b"half a workb")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        write_atomic(target, breaks)
    assert target.read_text(encoding="utf-8") == "第一版"
    assert os.listdir(tmp_path) == ["退款表.xlsx"]  # the temporary part is gone too


def test_the_file_is_the_agents_alone_and_its_folder_is_made(tmp_path):
    target = tmp_path / "exports" / "day.html"
    write_atomic(target, b"<html></html>")
    assert target.read_bytes() == b"<html></html>"
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
