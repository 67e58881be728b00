"""Phrase library at 10,000 phrases: filter per keystroke, keystroke → palette repainted, abbreviation
expansion. Baselines from the same run: SQLite LIKE '%q%' (how clipboard managers search), Qt's stock
QSortFilterProxyModel, and a plain text insert."""

from __future__ import annotations

import sqlite3
import time

from bench.phrase_corpus import corpus
from bench.runner import Record, median, record

# what agents type into the palette, one keystroke at a time: initials, full pinyin, Chinese words, a typo
TYPED = ("tkdz", "tuikuan", "fahuo", "shouhou", "chima", "退款", "发货时间", "wuliu", "cuijian", "fahup")


def keystrokes() -> list[str]:
    return [word[:i] for word in TYPED for i in range(1, len(word) + 1)]


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.99 * (len(ordered) - 1) + 0.5))]


def palette_filter(quick: bool) -> list[Record]:
    from app.quickreplies.match import PhraseIndex

    phrases = corpus()
    index = PhraseIndex(phrases)
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE phrase (id INTEGER PRIMARY KEY, title TEXT, body TEXT, abbreviation TEXT)")
    db.executemany("INSERT INTO phrase VALUES (?, ?, ?, ?)", [(p.id, p.title, p.body, p.abbreviation) for p in phrases])
    ours, like = [], []
    for _ in range(2 if quick else 10):
        for q in keystrokes():
            started = time.perf_counter()
            index.search(q)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            db.execute("SELECT id, title FROM phrase WHERE title LIKE ?1 OR body LIKE ?1 OR abbreviation LIKE ?1 "
                       "LIMIT 20", (f"%{q}%",)).fetchall()
            like.append(time.perf_counter() - started)
    db.close()
    return [record("palette_filter_10k_p99", p99(ours) * 1000, "ms", 5, p99(like) * 1000)]


def palette_repaint(quick: bool) -> list[Record]:
    from PySide6.QtCore import QSortFilterProxyModel, QStringListModel
    from PySide6.QtWidgets import QLineEdit, QListView

    from app.quickreplies.match import PhraseIndex

    from app.ui.phrase_palette import PhrasePalette
    from app.ui.start import application

    app = application()
    phrases = corpus()
    index = PhraseIndex(phrases)
    palette = PhrasePalette(lambda q: index.search(q))
    palette.show()
    stock_edit, stock_view = QLineEdit(), QListView()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(QStringListModel([p.title for p in phrases]))
    stock_view.setModel(proxy)
    stock_view.resize(palette.results.size())
    stock_view.show()
    ours, stock = [], []
    for _ in range(1 if quick else 5):
        for q in keystrokes():
            started = time.perf_counter()
            palette.query.setText(q)
            palette.results.repaint()
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            stock_edit.setText(q)
            proxy.setFilterFixedString(q)
            stock_view.repaint()
            stock.append(time.perf_counter() - started)
    for widget in (palette, stock_view, stock_edit):
        widget.close()
        widget.deleteLater()
    app.processEvents()
    return [record("palette_keystroke_repaint_p99", p99(ours) * 1000, "ms", 16, p99(stock) * 1000)]


def abbreviation_expansion(quick: bool) -> list[Record]:
    from app.quickreplies.match import PhraseIndex
    from app.quickreplies.template import fill

    from app.ui.composer import Composer
    from app.ui.start import application

    app = application()
    index = PhraseIndex(corpus())
    composer = Composer()
    composer.expander = lambda word: fill(p.body, {"buyer": "tb_小美"}) if (p := index.by_abbreviation(word)) else None
    composer.show()
    ours, plain = [], []
    text = index.by_abbreviation("fh").body
    for _ in range(50 if quick else 300):
        composer.setPlainText("亲，fh")
        composer.moveCursor(composer.textCursor().MoveOperation.End)
        started = time.perf_counter()
        composer._expand_word_before_caret()
        ours.append(time.perf_counter() - started)
        composer.setPlainText("亲，")
        composer.moveCursor(composer.textCursor().MoveOperation.End)
        started = time.perf_counter()
        composer.insertPlainText(text)
        plain.append(time.perf_counter() - started)
    composer.close()
    composer.deleteLater()
    app.processEvents()
    return [record("abbreviation_expansion", median(ours) * 1000, "ms", 2, median(plain) * 1000)]


def ahk_file(size: int = 10_000) -> bytes:
    """An AutoHotKey script of size hotstrings as agents keep them: options, {Enter}, escapes, continuation
    sections, Taobao emoticons written the way AHK needs them ({^})."""
    lines = ["; exported from the floor's shared script", "#SingleInstance Force", ""]
    for n, p in enumerate(corpus(size)):
        keys = {"{": "{{}", "}": "{}}", "^": "{^}", "!": "{!}", "+": "{+}", "#": "{#}", "\n": "{Enter}"}
        body = "".join(keys.get(char, char) for char in p.body.replace("`", "``").replace(";", "`;"))
        if n % 10 == 0:
            lines += [f":T:{p.abbreviation}::", "(", *p.body.replace("`", "``").split("\n"), "第二行请看详情页", ")"]
        elif n % 3 == 0:
            lines.append(f":*:{p.abbreviation}::{body}")
        else:
            lines.append(f"::{p.abbreviation}::{body}")
    return "\n".join(lines).encode("utf-8")


def ahk_import(quick: bool) -> list[Record]:
    import tempfile
    from pathlib import Path

    from app.store.engine import open_store

    from app.desk.phrases import PhraseBook

    data = ahk_file()
    ours, naive = [], []
    for run in range(1 if quick else 3):
        with tempfile.TemporaryDirectory() as folder:
            store = open_store(Path(folder) / "k.db")
            book = PhraseBook(store)
            started = time.perf_counter()
            plan = book.plan_import(data, "ahk", group="导入")
            book.run_import(plan)
            ours.append(time.perf_counter() - started)
            assert len(plan.new) + len(plan.duplicates) >= 9_990, (len(plan.new), plan.bad[:3])
            store.close()
            # the least any importer does: split each line at '::' and insert the rows with executemany
            db = sqlite3.connect(Path(folder) / f"naive{run}.db")
            db.execute("CREATE TABLE phrase (abbreviation TEXT, body TEXT)")
            started = time.perf_counter()
            rows = [line.split("::", 2)[1:] for line in data.decode("utf-8").split("\n") if line.startswith("::")]
            db.executemany("INSERT INTO phrase VALUES (?, ?)", [r for r in rows if len(r) == 2])
            db.commit()
            naive.append(time.perf_counter() - started)
            db.close()
    return [record("ahk_import_10k", median(ours) * 1000, "ms", 1000, median(naive) * 1000)]
