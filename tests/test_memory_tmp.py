"""The tests' files are in memory where /dev/shm has room (tests/conftest.py), the processes they start too."""

import os
import subprocess
import sys

import pytest

from tests import conftest


def test_the_tests_files_and_their_processes_files_are_in_memory_where_dev_shm_has_room(tmp_path):
    if conftest._memory is None:
        pytest.skip("no /dev/shm with 2 GB free here, or TMPDIR was set: the tests' files are on disk")
    assert tmp_path.resolve().is_relative_to(conftest._memory)
    started = subprocess.run([sys.executable, "-c", "import tempfile; print(tempfile.gettempdir())"],
                             capture_output=True, text=True, check=True)
    assert started.stdout.strip() == conftest._memory == os.environ["TMPDIR"]
