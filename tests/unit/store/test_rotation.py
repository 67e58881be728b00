"""The rotating phrases' memory in the store (app/store/rotation.py): what each buyer got last and the phrase's turn
read back by a later desk, rewritten on every pick, and gone with its phrase."""

from app.quickreplies.phrase import Phrase
from app.quickreplies.variants import Rotation
from app.store.engine import open_store
from app.store.rotation import StoredRotation, last_given, record_given

from tests.unit.store.conftest import at

ROTATING = Phrase(0, "轮流问候", "您好呀", "售前", "nhx", variants=("在的亲", "来啦"), rotate=True)


def test_what_a_buyer_got_last_is_read_back_and_rewritten(store):
    [pid] = store.add_phrases([ROTATING])
    assert last_given(store, pid, "b1") is None
    record_given(store, pid, "b1", 1, at(0))
    record_given(store, pid, "", 1, at(0))
    record_given(store, pid, "b1", 2, at(5))
    assert (last_given(store, pid, "b1"), last_given(store, pid, ""), last_given(store, pid, "b2")) == (2, 1, None)


def test_a_deleted_phrase_leaves_no_rows_and_a_late_write_for_it_adds_none(store):
    [pid, other] = store.add_phrases([ROTATING, ROTATING])
    for buyer in ("b1", "b2", ""):
        record_given(store, pid, buyer, 1, at(0))
    record_given(store, other, "b1", 2, at(0))
    store.delete_phrases([pid])
    record_given(store, pid, "b3", 1, at(1))  # queued on the writer before the delete landed
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT phrase_id, buyer_id, variant FROM phrase_rotation").all()
    assert rows == [(other, "b1", 2)]


def test_a_rotation_over_the_store_goes_on_after_the_desk_is_opened_again(tmp_path):
    path = tmp_path / "k.db"
    store = open_store(path)
    [pid] = store.add_phrases([ROTATING])
    phrase = store.phrases()[0]
    first = Rotation(StoredRotation(store, lambda fn, *args: fn(*args), lambda: at(0)))
    assert [first.pick(phrase, buyer) for buyer in ("b1", "b2", "b1")] == [0, 1, 1]
    store.close()

    store = open_store(path)  # a restart: nothing of the first rotation but the file
    try:
        again = Rotation(StoredRotation(store, lambda fn, *args: fn(*args), lambda: at(60)))
        assert again.pick(phrase, "b1") == 2  # b1 got 1 last, not 1 again
        assert again.pick(phrase, "b3") == 2  # the new buyer after b2 (who got 1): the next in turn
        assert again.pick(phrase, "b2") == 2  # b2 got 1 before the restart
        assert last_given(store, pid, "b1") == 2
    finally:
        store.close()
