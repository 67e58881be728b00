"""A file the agent imports is read within its limit, and one over it is refused before it is read, with the
limit named; a hostile workbook is refused from its zip before openpyxl reads any of it."""

from __future__ import annotations

import io
import os
import re
import threading
import zipfile

import pytest
from openpyxl import Workbook

from app.files.limits import SHEET_BYTES, read_limited
from app.files.refusals import TooLarge

from app.quickreplies.formats.base import PhraseFileError
from app.quickreplies.formats.registry import parse
from app.store.engine import open_store
from app.store.images import ImageError

from app.desk.order_import import plan_import

from app import config
from app.cli.main import main


def sparse(path, size: int):
    """A file the file system says is size bytes, taking no room on the disk."""
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def test_a_file_over_the_limit_is_refused_by_its_size_before_it_is_read(tmp_path):
    big = sparse(tmp_path / "订单.csv", 1_100_000_000)
    # the size said is the file system's: reading would have stopped one byte past 64 MB, not known 1.1 GB
    with pytest.raises(TooLarge, match=r"^订单.csv is 1.1 GB, more than an order export may be \(64 MB\): split it"):
        read_limited(big, SHEET_BYTES, "an order export")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_a_pipe_that_never_ends_is_read_one_byte_past_the_limit(tmp_path):
    pipe = tmp_path / "export.csv"
    os.mkfifo(pipe)
    written = []

    def endless() -> None:
        with open(pipe, "wb") as out:
            try:
                while sum(written) < 50_000_000:
                    written.append(out.write(b"1" * 65536))
                    out.flush()
            except BrokenPipeError:
                pass
    writer = threading.Thread(target=endless)
    writer.start()
    with pytest.raises(TooLarge, match=r"^export.csv is more than a sheet may be \(1 KB\)"):
        read_limited(pipe, 1000, "a sheet")
    writer.join()
    assert sum(written) < 1_000_000  # the reader stopped: the writer filled the pipe once and was cut off


@pytest.mark.parametrize(("command", "name", "limit"), [
    (["orders", "import"], "ExportOrderList.csv", "an order export may be (64 MB)"),
    (["problems", "import"], "问题订单.xlsx", "a problem-order list may be (64 MB)"),
    (["phrases", "import"], "短语.csv", "a phrase file may be (16 MB)"),
    (["phrases", "import"], "match.yml", "an Espanso file may be (8 MB)"),
    (["report", "refunds", "--reconcile"], "财务.xlsx", "finance's sheet may be (64 MB)"),
])
def test_every_import_refuses_a_1_gb_file_with_the_limit_named(tmp_path, capsys, command, name, limit):
    big = sparse(tmp_path / name, 1_000_000_000)
    assert main([*command, str(big)]) == 2
    err = capsys.readouterr().err
    assert f"{name} is 1 GB, more than {limit}" in err and "Traceback" not in err


def test_a_settings_file_of_a_megabyte_and_more_is_refused_at_start(tmp_path, capsys):
    settings = config.settings_path()
    settings.parent.mkdir(parents=True)
    sparse(settings, 5_000_000)
    with pytest.raises(config.SettingsError, match=r"settings.toml is 5 MB, more than a settings file may be \(1 MB\)"):
        config.load_settings()


def test_a_picture_over_5_mb_is_refused_before_it_is_read(tmp_path):
    store = open_store(tmp_path / "k.db")
    with pytest.raises(ImageError, match=r"photo.jpg is 1 GB, more than a picture may be \(5.2 MB\)"):
        store.images.put_file(sparse(tmp_path / "photo.jpg", 1_000_000_000))
    store.close()


# --- hostile workbooks: small on disk, refused from the zip before openpyxl reads a byte of them ---------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEAD = ('<row r="1"><c r="A1" t="inlineStr"><is><t>订单编号</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>买家会员名</t></is></c></row>')


def workbook() -> bytes:
    book = Workbook()
    book.active.append(["订单编号", "买家会员名", "实付金额"])
    book.active.append(["3912345678901234567", "tb_小美妈妈", "129.00"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_part(name: str, content: bytes, content_type: str = "") -> bytes:
    """The small workbook with one part replaced (or added, with its content type)."""
    source = zipfile.ZipFile(io.BytesIO(workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            body = content if info.filename == name else source.read(info.filename)
            if info.filename == "[Content_Types].xml" and content_type:
                body = body.replace(b"</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'
                                    .encode())
            archive.writestr(info.filename, body)
        if name not in source.namelist():
            archive.writestr(name, content)
    return out.getvalue()


def sheet(rows: str, dimension: str = "") -> bytes:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{MAIN}">{declared}<sheetData>{rows}</sheetData></worksheet>'.encode()


def zip_bomb() -> bytes:
    out = io.BytesIO(workbook())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive, archive.open("xl/media/image1.png", "w",
                                                                                  force_zip64=True) as pad:
        for _ in range(130):
            pad.write(bytes(1_000_000))
    return out.getvalue()


SHARED = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
STYLES = '<styleSheet xmlns="{}"><cellXfs>{}</cellXfs></styleSheet>'
HOSTILE = {
    "a row at 1,048,576": (lambda: with_part("xl/worksheets/sheet1.xml", sheet(HEAD + '<row r="1048576"><c><v>1</v></c></row>')),
                           "goes past row 200,000"),
    "a declared A1:XFD1048576": (lambda: with_part("xl/worksheets/sheet1.xml", sheet(HEAD, "A1:XFD1048576")),
                                 "it declares 1,048,576 rows"),
    "600,000 shared strings": (lambda: with_part("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">'.encode()
                                         + b"<si><t>a</t></si>" * 600_000 + b"</sst>", SHARED),
                               "more than 500,000 shared strings"),
    "1,000,001 cells": (lambda: with_part("xl/worksheets/sheet1.xml", sheet(HEAD + "<row>" + "<c/>" * 1_000_001 + "</row>")),
                        "more than 1,000,000 cells"),
    "130 MB unpacked": (zip_bomb, "unpacks to 130 MB, more than an import reads (128 MB)"),
    "150,000 styles": (lambda: with_part("xl/styles.xml", STYLES.format(MAIN, "<xf/>" * 150_000).encode()),
                       "more than 100,000 XML elements outside its sheets"),
    "a sheet in UTF-16": (lambda: with_part("xl/worksheets/sheet1.xml", sheet(HEAD).decode().encode("utf-16")),
                          "'xl/worksheets/sheet1.xml' is XML in UTF-16"),
    "a DTD": (lambda: with_part("xl/worksheets/sheet1.xml", b'<!DOCTYPE w [<!ENTITY r "<row><c/></row>">]>' + sheet("&r;")),
              "declares a DTD"),
}


@pytest.fixture
def never_opened(monkeypatch):
    """openpyxl must not be asked to read the workbook at all."""
    import openpyxl

    def refuse(*_args, **_kwargs):
        raise AssertionError("openpyxl was asked to read a workbook the limits refuse")
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_workbook_is_refused_from_its_zip_with_the_limit_named(kind, never_opened, tmp_path, capsys):
    build, why = HOSTILE[kind]
    data = build()
    assert len(data) < 300_000  # small on disk
    with pytest.raises(PhraseFileError, match=re.escape(why)):
        parse(data, "xlsx")
    path = tmp_path / "ExportOrderList.xlsx"
    path.write_bytes(data)
    assert main(["orders", "import", str(path), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert why in err and "Nothing was imported" in err and "Traceback" not in err


def test_a_real_export_within_the_limits_is_read_whole(tmp_path):
    book = Workbook(write_only=True)  # shared strings, no declared dimension: as many exporters write them
    rows = book.create_sheet()
    rows.append(["订单编号", "买家会员名", "实付金额", *(f"列{n}" for n in range(27))])
    for n in range(1000):
        rows.append([f"39123456789{n:08d}", f"tb_买家{n}", "129.00", *(f"值{n}" for _ in range(27))])
    out = io.BytesIO()
    book.save(out)
    store = open_store(tmp_path / "k.db")
    plan = plan_import(store, out.getvalue(), "xlsx")
    assert (plan.new, plan.rejected) == (1000, [])
    store.close()


def test_a_sheet_or_phrase_file_of_too_many_rows_is_refused_at_the_limit(tmp_path, capsys):
    many = tmp_path / "ExportOrderList.csv"
    many.write_bytes(b"\xe8\xae\xa2\xe5\x8d\x95\xe7\xbc\x96\xe5\x8f\xb7,buyer\n" + b",\n" * 1_000_000)  # 2 MB
    assert main(["orders", "import", str(many), "--dry-run"]) == 2
    assert "the sheet has more than 200,000 rows, the most an import reads" in capsys.readouterr().err
    with pytest.raises(PhraseFileError, match="more than 200,000 phrases"):
        parse(b'{"format": "kefudesk-phrases", "version": 1, "phrases": [' + b"{}," * 300_000 + b"{}]}", "json")
    with pytest.raises(PhraseFileError, match="more than 200,000 rows"):
        parse(b"body\n" + b"x\n" * 300_000, "csv")
    with pytest.raises(PhraseFileError, match="more than 200,000 hotstrings"):
        parse(b"x\n" * 300_000, "ahk")
    with pytest.raises(PhraseFileError, match=r"the file is 9.2 MB, more than an Espanso file may be \(8 MB\)"):
        parse(b"matches: [" + b"{}, " * 2_300_000 + b"{}]", "espanso")


def test_a_part_is_judged_by_how_openpyxl_reads_it_not_by_what_it_says_it_is(never_opened):
    # the workbook part (named by the content types) read whole as objects, though its root claims to be a sheet
    disguised = f'<worksheet xmlns="{MAIN}"><definedNames>'.encode() + b"<definedName/>" * 150_000 + b"</definedNames>"
    with pytest.raises(PhraseFileError, match="more than 100,000 XML elements outside its sheets"):
        parse(with_part("xl/workbook.xml", disguised + b"</worksheet>"), "xlsx")


def test_parts_openpyxl_does_not_read_are_not_held_against_a_workbook(tmp_path):
    calc_chain = f'<calcChain xmlns="{MAIN}">'.encode() + b'<c r="A1" i="1"/>' * 150_000 + b"</calcChain>"
    store = open_store(tmp_path / "k.db")  # finance's formulas: 150,000 of them in the chain openpyxl skips
    assert plan_import(store, with_part("xl/calcChain.xml", calc_chain), "xlsx").new == 1
    store.close()
