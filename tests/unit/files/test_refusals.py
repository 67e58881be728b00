"""One kind of refusal for a file no import can read: the phrase and order imports each raise their own, a caller
that handles any file catches them all, and each carries the key and values its words need."""

import pytest

from app.files.refusals import TooLarge, UnreadableFile

from app.quickreplies.formats.base import PhraseFileError

from app.desk.order_import import OrderFileError


@pytest.mark.parametrize("kind", [PhraseFileError, OrderFileError])
def test_each_imports_refusal_is_an_unreadable_file_and_not_the_others(kind):
    refused = kind("the sheet goes past row 200,000", "sheet_rows", limit=200_000)
    assert isinstance(refused, UnreadableFile) and not isinstance(refused, OSError)
    assert not issubclass(kind, OrderFileError if kind is PhraseFileError else PhraseFileError)
    assert (str(refused), refused.key, refused.params) == ("the sheet goes past row 200,000", "sheet_rows",
                                                          {"limit": "200000"})


def test_a_file_over_its_limit_is_an_os_error_that_prints_its_sentence():
    refused = TooLarge("订单.csv is 1.1 GB, more than an order export may be (64 MB): split it")
    assert isinstance(refused, OSError) and str(refused) == refused.strerror
    assert str(refused) == "订单.csv is 1.1 GB, more than an order export may be (64 MB): split it"

