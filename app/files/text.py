"""A user's file as text, in whatever encoding the tool that wrote it chose: UTF-8 with or without BOM, UTF-16
with BOM, or GBK/GB18030 as Chinese Windows programs (Excel, the shop back-ends' exports) write it."""

from __future__ import annotations

from app.files.refusals import UnreadableFile


def decode_text(data: bytes, error: type[UnreadableFile] = UnreadableFile) -> tuple[str, str]:
    """(text with \\n line ends, encoding): UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 (GBK's
    superset, what Chinese Windows Excel writes). error(…), the caller's kind of UnreadableFile, when the bytes
    are none of these."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:  # a BOM, then broken or truncated text
                name = "UTF-8" if encoding == "utf-8-sig" else "UTF-16"
                raise error(f"the file starts as {name} text but byte {exc.start} is not {name}; save it again "
                            "as UTF-8 and import again") from exc
            break
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError as exc:
                raise error(f"the file is neither UTF-8 nor GBK/GB18030 text (byte {exc.start}); save it as "
                            "UTF-8 and import again") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
