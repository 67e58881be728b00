"""Importing files whose codes hold several texts into the phrase book: one phrase a code with its texts as
variants, stored, exported back as positions 1, 2, 3; importing the same file again adds nothing; an import
cancelled while it is written leaves the library as it was."""

import pytest

from app.quickreplies.formats.registry import export
from app.store.engine import open_store

from app.desk.phrases import ImportCancelled, PhraseBook

# as Sogou's phrase editor saves an agent's file: UTF-16LE with a BOM, CRLF, its comment head, positions out of order
SOGOU = ("; 搜狗拼音输入法 自定义短语\r\n;  格式：字符串+英文逗号+数字（排序位置）=短语\r\n\r\n"
         "fhv,3=亲，预售商品按页面时间发货\r\nfhv,1=亲，16点前付款当天发货哦～\r\nkdv,1=亲，默认发中通快递\r\n"
         "fhv,2=亲，今天的已经发出啦\r\n").encode("utf-16")
# an Espanso match file with two matches on one trigger (Espanso offers the choice), as a hub package writes it
ESPANSO = """\
matches:
  - trigger: ":thx"
    replace: "谢谢亲～"
    label: 致谢
  - trigger: ":thx"
    replace: "感谢您的支持$|$！"
  - trigger: ":bye"
    replace: "亲，祝您生活愉快"
""".encode()


@pytest.fixture
def book(tmp_path):
    store = open_store(tmp_path / "k.db")
    yield PhraseBook(store)
    store.close()


def test_sogou_positions_1_to_3_are_one_phrase_stored_and_exported_back_as_positions(book, tmp_path):
    ids = book.run_import(book.plan_import(SOGOU, "sogou", group="导入"))
    assert len(ids) == 2
    stored = book._store.phrases()
    fh = next(p for p in stored if p.abbreviation == "fhv")
    assert fh.texts == ("亲，16点前付款当天发货哦～", "亲，今天的已经发出啦", "亲，预售商品按页面时间发货")
    written = export([p for p in stored if p.group == "导入"], "sogou").decode("utf-16")
    assert "fhv,1=亲，16点前付款当天发货哦～\r\nfhv,2=亲，今天的已经发出啦\r\nfhv,3=亲，预售商品按页面时间发货\r\n" in written


def test_an_espanso_file_with_two_matches_on_a_trigger_gives_one_phrase_with_two_texts(book):
    plan = book.plan_import(ESPANSO, "espanso")
    book.run_import(plan)
    thx = book.by_abbreviation(":thx")
    assert (thx.title, thx.texts) == ("致谢", ("谢谢亲～", "感谢您的支持{cursor}！"))
    assert plan.notes == [] and plan.bad == []


@pytest.mark.parametrize(("data", "fmt"), [(SOGOU, "sogou"), (ESPANSO, "espanso")])
def test_importing_the_same_file_again_adds_nothing(book, data, fmt):
    book.run_import(book.plan_import(data, fmt))
    before = book._store.phrases()
    again = book.plan_import(data, fmt)
    assert again.new == [] and len(again.duplicates) == 2
    assert book.run_import(again) == [] and book._store.phrases() == before
    # and what the desk exports from it imports as nothing new either
    assert book.plan_import(export(before, fmt), fmt).new == []


def test_an_import_cancelled_while_it_is_written_leaves_the_library_as_it_was(book):
    lines = [f"c{n // 3},{n % 3 + 1}=亲，第{n}条回复" for n in range(3_000)]
    plan = book.plan_import(("\r\n".join(lines) + "\r\n").encode("utf-16"), "sogou")
    before = book._store.phrases()
    written: list[int] = []
    with pytest.raises(ImportCancelled):
        book.run_import(plan, progress=written.append, cancelled=lambda: bool(written))
    assert written and 0 < written[-1] < len(plan.new)  # some batches were in the store …
    assert book._store.phrases() == before and book.phrases == [p for p in before if not p.owner]  # … and are gone
