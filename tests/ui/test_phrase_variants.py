"""A phrase with several texts in the real window: the palette shows them as 1/2/3 under it and puts in the one
chosen, the abbreviation expands the first and Space again right after cycles, and a rotating phrase never gives
one buyer the same text twice in a row."""

import pytest
from PySide6.QtCore import Qt

from app.quickreplies.phrase import Phrase
from app.store.rotation import last_given

from app.ui.main_window import MainWindow
from app.ui.models.palette_model import PhraseRole, VariantRole

from app import domain
from tests.conftest import ime_type, replies_stored
from tests.ui.conftest import NOW

TEXTS = ("亲，16点前付款当天发货哦～", "亲，今天的已经发出啦，请留意物流", "亲，预售商品按页面时间发货")


@pytest.fixture
def window(desk) -> MainWindow:
    win = desk(domain.Message("m1", "c1", "in", "什么时候发货", NOW))
    win.phrases.add([Phrase(0, "发货三说", TEXTS[0], "售前", "fhx", variants=TEXTS[1:]),
                     Phrase(0, "轮流问候", "您好呀", "售前", "nhx", variants=("在的亲", "来啦"), rotate=True)])
    return win


def open_palette(qtbot, win: MainWindow, query: str) -> None:
    win.conversation.composer.setFocus()
    qtbot.keyClick(win, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.palette.query, query)


def test_the_palette_shows_a_phrases_texts_as_1_2_3_under_it(qtbot, window):
    open_palette(qtbot, window, "fhx")
    model = window.palette.model
    rows = [model.index(row) for row in range(model.rowCount())]
    assert [i.data(VariantRole) for i in rows[:4]] == [None, 1, 2, 3]
    assert [i.data().split()[0] for i in rows[1:4]] == ["1", "2", "3"]
    assert [i.data(PhraseRole).body for i in rows[1:4]] == list(TEXTS)


def test_choosing_variant_2_sends_that_text(qtbot, window):
    open_palette(qtbot, window, "fhx")
    for _ in range(2):  # from the phrase down to its row 2
        qtbot.keyClick(window.palette.query, Qt.Key.Key_Down)
    qtbot.keyClick(window.palette.query, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    replies_stored(window)  # the desk's writer stores the reply a moment after the box clears
    assert [m.text for m in window.session.store.outbox()] == [TEXTS[1]]


def test_alt_3_on_the_phrase_puts_its_third_text_in(qtbot, window):
    composer = window.conversation.composer
    open_palette(qtbot, window, "fhx")
    qtbot.keyClick(window.palette.query, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert not window.palette.isVisible() and composer.toPlainText() == TEXTS[2]


def test_the_abbreviation_expands_the_first_and_space_again_cycles_round(qtbot, window):
    composer = window.conversation.composer
    ime_type(composer, "好的，")
    qtbot.keyClicks(composer, "fhx")
    qtbot.keyClick(composer, Qt.Key.Key_Space)
    seen = [composer.toPlainText()]
    for _ in range(3):
        qtbot.keyClick(composer, Qt.Key.Key_Space)
        seen.append(composer.toPlainText())
    assert seen == ["好的，" + TEXTS[0], "好的，" + TEXTS[1], "好的，" + TEXTS[2], "好的，" + TEXTS[0]]
    assert [p.uses for p in window.phrases.phrases if p.abbreviation == "fhx"] == [1]  # one firing, cycled or not
    qtbot.keyClick(composer, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # each cycle is one undo step
    assert composer.toPlainText() == "好的，" + TEXTS[2]


def test_space_after_anything_else_is_a_space(qtbot, window):
    composer = window.conversation.composer
    qtbot.keyClicks(composer, "fhx")
    qtbot.keyClick(composer, Qt.Key.Key_Space)
    qtbot.keyClicks(composer, "!")
    qtbot.keyClick(composer, Qt.Key.Key_Space)
    assert composer.toPlainText() == TEXTS[0] + "! "


def test_a_rotating_phrase_never_gives_the_buyer_the_same_text_twice_in_a_row(qtbot, window):
    composer = window.conversation.composer
    given = []
    for _ in range(4):
        composer.clear()
        qtbot.keyClicks(composer, "nhx")
        qtbot.keyClick(composer, Qt.Key.Key_Space)
        given.append(composer.toPlainText())
    assert given == ["您好呀", "在的亲", "来啦", "您好呀"]
    assert all(a != b for a, b in zip(given, given[1:], strict=False))


def test_the_next_buyer_gets_the_next_text_of_a_rotating_phrase(qtbot, window):
    phrase = window.phrases.by_abbreviation("nhx")
    rotation = window.firing.rotation
    assert [phrase.texts[rotation.pick(phrase, buyer)] for buyer in ("b2", "b3", "b4")] == ["您好呀", "在的亲", "来啦"]
    open_palette(qtbot, window, "nhx")
    qtbot.keyClick(window.palette.query, Qt.Key.Key_Return)  # the phrase's row: this buyer's turn, the next text
    assert window.conversation.composer.toPlainText() == "您好呀"


def expand(qtbot, win: MainWindow, word: str, cycles: int = 0) -> str:
    composer = win.conversation.composer
    composer.clear()
    qtbot.keyClicks(composer, word)
    for _ in range(cycles + 1):
        qtbot.keyClick(composer, Qt.Key.Key_Space)
    return composer.toPlainText()


def test_a_desk_opened_again_remembers_what_each_buyer_got_and_whose_turn_it_is(qtbot, window, desk):
    assert expand(qtbot, window, "nhx", cycles=1) == "在的亲"  # b1 got the first, the agent chose the second instead
    phrase = window.phrases.by_abbreviation("nhx")
    assert phrase.texts[window.firing.rotation.pick(phrase, "b2")] == "在的亲"  # the next new buyer: the second
    store = window.session.store
    qtbot.waitUntil(lambda: last_given(store, phrase.id, "b2") is not None)  # written off the GUI thread, in order

    again = desk(starter=False)  # a new window, session and store over the same file: the desk restarted
    assert again.session.store is not store and again.firing.rotation is not window.firing.rotation
    assert expand(qtbot, again, "nhx") == "来啦"  # b1 returns: the text after theirs, not 在的亲 twice in a row
    assert phrase.texts[again.firing.rotation.pick(phrase, "b3")] == "来啦"  # a new buyer: the one after b2's


def test_the_phrase_manager_shows_how_many_more_texts_a_phrase_has(qtbot, window):
    from app.ui.models.phrase_table import BODY, PhraseTableModel

    table = PhraseTableModel()
    table.show(window.phrases.phrases)
    row = next(n for n, p in enumerate(table.phrases) if p.abbreviation == "fhx")
    assert table.index(row, BODY).data() == TEXTS[0] + "  (+2)"
    assert table.index(row, BODY).data(Qt.ItemDataRole.ToolTipRole).split("\n\n") == [
        f"{n}. {text}" for n, text in enumerate(TEXTS, 1)]
