"""A user's file as text in whichever encoding the tool that wrote it chose, with one kind of line end; bytes in
none of them refused whole, with the byte and the way out, as the importer's own kind of refusal."""

import pytest

from app.files.refusals import UnreadableFile
from app.files.text import decode_text

from app.quickreplies.formats.base import PhraseFileError

from app.desk.order_import import OrderFileError

TEXT = "订单编号,买家\r\n3912,小美\r最后一行\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (TEXT.encode("utf-8-sig"), "utf-8-sig"),  # what Excel's "CSV UTF-8" writes
    (TEXT.encode("utf-16"), "utf-16"),  # Excel's "Unicode text", with its BOM
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
    (TEXT.encode("gbk"), "gb18030"),  # Excel on a Chinese Windows, and the shop back-ends' exports
])
def test_every_encoding_chinese_tools_write_is_read_with_newlines_only(data, encoding):
    assert decode_text(data) == ("订单编号,买家\n3912,小美\n最后一行\n", encoding)


@pytest.mark.parametrize(("data", "message"), [
    (b"body\n\x81\x20\xff\xff\n",
     "the file is neither UTF-8 nor GBK/GB18030 text (byte 5); save it as UTF-8 and import again"),
    (b"\xef\xbb\xbfok\xff", "the file starts as UTF-8 text but byte 2 is not UTF-8; save it again as UTF-8 and import again"),
    (b"\xff\xfe\x00\xd8", "the file starts as UTF-16 text but byte 2 is not UTF-16; save it again as UTF-8 and import "
                          "again"),
])
@pytest.mark.parametrize("kind", [UnreadableFile, PhraseFileError, OrderFileError])
def test_bytes_in_no_known_encoding_are_refused_as_the_importers_own_kind(data, message, kind):
    with pytest.raises(kind) as refused:
        decode_text(data, kind)
    assert (type(refused.value), str(refused.value), refused.value.key) == (kind, message, "")
