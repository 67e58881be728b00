"""Phrases mined from a store: live replies typed by hand and imported past chats count, replies sent from a phrase
do not; a dismissed proposal stays dismissed after the desk restarts, an accepted one (now a phrase) is not proposed
again."""

from datetime import UTC, datetime, timedelta

from app.quickreplies.phrase import Phrase
from app.store.engine import open_store
from app.store.history import HistoryMessage, add_history
from app.store.phrase_stats import typed_replies

from app.desk.mined_phrases import MinedPhrases
from app.desk.phrase_sends import FiredPhrases
from app.desk.phrases import PhraseBook

from app import domain

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
STOCK = ["亲，这款现货的哦，今天拍明天发", "亲亲这款现货的，今天拍明天发😊", "这款现货的呢 今天拍明天发"]
SIZE = "亲，按平时的码数拍就可以哦"


def fill(store):
    store.add_phrases([Phrase(0, "尺码", SIZE, "售前")])
    size_id = store.phrases()[0].id
    sends = FiredPhrases(store)
    for n, text in enumerate([STOCK[0], STOCK[1], SIZE, SIZE, SIZE]):
        chat = f"c{n}"
        store.upsert_conversation(domain.Conversation(chat, domain.Buyer(f"b{n}", f"买家{n}"), "active", T0))
        at = T0 + timedelta(minutes=n)
        if text == SIZE:  # sent from the phrase: no hand-typed reply
            store.phrase_used(size_id, at, "穿多大", conversation_id=chat, agent="xiaowang")
            sends.fired(chat, size_id, SIZE)
        record, _ = store.ingest_message(domain.Message(f"m{n}", chat, "out", text, at, agent="xiaowang"))
        sends.record_sent(chat, record.id, sends.sent(chat, text))
    add_history(store, [HistoryMessage("h1", 0, "buyer", "有现货吗"), HistoryMessage("h1", 1, "agent", STOCK[2]),
                        HistoryMessage("h2", 0, "buyer", "怎么拍"), HistoryMessage("h2", 1, "agent", "好的亲")])


def test_typed_replies_live_and_imported_are_proposed_and_a_dismissal_is_kept(tmp_path):
    path = tmp_path / "kefudesk.db"
    store = open_store(path)
    fill(store)
    assert sorted(r.text for r in typed_replies(store)) == sorted([*STOCK, "好的亲"])  # no reply from a phrase
    mined = MinedPhrases(store, PhraseBook(store), clock=lambda: T0)
    (stock,) = mined.proposals()
    # two live, one imported, the newest wording of equals shown; the phrase's sends not at all
    assert (stock.text, stock.count) == (STOCK[1], 3)
    mined.dismiss([stock])
    mined.dismiss([stock])  # twice is once
    assert mined.proposals() == []
    store.close()

    store = open_store(path)
    assert MinedPhrases(store, PhraseBook(store)).proposals() == []
    store.close()


def test_an_accepted_proposal_is_a_phrase_and_no_longer_proposed(tmp_path):
    store = open_store(tmp_path / "kefudesk.db")
    fill(store)
    book = PhraseBook(store)
    mined = MinedPhrases(store, book)
    (stock,) = mined.proposals()
    book.add([Phrase(0, "现货", stock.text + "～", "售前")])  # accepted after a touch in the editor
    assert mined.proposals() == []
    store.close()
