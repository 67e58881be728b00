"""A store made by every earlier schema opens in this version with every row it held, and keeps working.

Each revision's database is built by Alembic itself (upgrade to exactly that revision on a fresh file) and
filled with plain SQL valid for that revision, as a desk of that version would have left it.
"""

import sqlite3
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import create_engine

from app.store import engine as store_engine
from app.store import fts
from app.store.audit_log import AuditLog
from app.store.engine import open_store
from app.store.history import past_chats
from app.store.issues import IssueStore
from app.store.review import notes, reviews
from app.store.search import search_history, search_messages

from app import domain

# the engine's own tests: every new store here is built by the migrations (tests/conftest.py)
pytestmark = pytest.mark.real_migrations

EARLIER = [rev for rev in store_engine.known_revisions() if rev != store_engine.HEAD_REVISION]
T = "2026-11-11 01:00:00.000000"  # how SQLAlchemy writes a UTC time into SQLite
T_AWARE = datetime(2026, 11, 11, 1, 0, tzinfo=UTC)

# (the revision that brought the table or column, a statement valid from then on); column lists are explicit
# so a statement written for an old schema stays valid for every later one
SEED = [
    ("0001", "INSERT INTO shop (id, name, gateway_url) VALUES ('s1', '果果童鞋店', 'https://gw.example')"),
    ("0001", "INSERT INTO agent (id, shop_id, name, role) VALUES ('xiaowang', 's1', '小王', 'presale')"),
    ("0001", "INSERT INTO buyer (id, nick, phone) VALUES ('b1', 'tb_果果妈', '13800138000')"),
    ("0001", "INSERT INTO conversation (id, buyer_id, state, created_at, last_text, last_direction, last_at, "
             f"waiting_since, first_response_at, unread) VALUES ('c1', 'b1', 'waiting', '{T}', '鞋子开胶了', 'in', "
             f"'{T}', '{T}', NULL, 1)"),
    ("0001", "INSERT INTO message (id, conversation_id, direction, text, server_id, client_id, sent_at, state, "
             f"error) VALUES (1, 'c1', 'in', '亲，鞋子开胶了怎么办', 'srv-1', NULL, '{T}', 'sent', '')"),
    ("0001", "INSERT INTO message (id, conversation_id, direction, text, server_id, client_id, sent_at, state, "
             f"error) VALUES (2, 'c1', 'out', '亲，麻烦拍张照片哦', NULL, 'k-2', '{T}', 'pending', '')"),
    ("0001", "INSERT INTO shop_order (no, buyer_id, items, amount_fen, status, created_at, courier, tracking_no, "
             "address, fetched_at) VALUES ('3698001', 'b1', "
             "'[{\"sku\": \"X-31\", \"title\": \"童鞋 31码\", \"qty\": 1, \"price_fen\": 12900}]', 12900, "
             f"'shipped', '{T}', '中通', 'ZT100', '杭州市西湖区', '{T}')"),
    ("0002", f"INSERT INTO draft (conversation_id, text, updated_at) VALUES ('c1', '亲，已经帮您', '{T}')"),
    ("0002", "INSERT INTO meta (key, value) VALUES ('stream.last_event_id', 'e-42')"),
    ("0003", "INSERT INTO phrase (id, title, body, group_name, abbreviation, slot, tags, uses, last_used) "
             f"VALUES (7, '发货时间', '亲，48小时内发货哦', '售前', 'fh', 1, '[\"发货\"]', 3, '{T}')"),
    ("0004", f"INSERT INTO phrase_use (phrase_id, prompt, at) VALUES (7, '什么时候发货', '{T}')"),
    ("0005", "INSERT INTO message (id, conversation_id, direction, text, server_id, client_id, sent_at, state, "
             f"error, image) VALUES (3, 'c1', 'in', '', 'srv-3', NULL, '{T}', 'sent', '', '{'ab' * 32}')"),
    ("0006", "INSERT INTO agent_profile (name, role, password_hash) VALUES ('zhuguan', 'supervisor', 'scrypt$x')"),
    ("0006", "INSERT INTO issue (id, stage, category, severity, order_no, buyer_id, buyer_nick, conversation_id, "
             "owner, state, note, evidence, photos, follow_up_at, satisfaction, opened_at, resolved_at) VALUES "
             "(1, 'aftersale', 'damage', 'normal', '3698001', 'b1', 'tb_果果妈', 'c1', 'xiaowang', 'open', "
             f"'鞋底开胶', '[1]', '[]', NULL, NULL, '{T}', NULL)"),
    ("0006", "INSERT INTO issue_action (issue_id, kind, fields, amount_fen, status, by, at, decided_by, "
             f"decided_at) VALUES (1, 'partial_refund', '{{\"reason\": \"开胶\"}}', 300, 'done', 'xiaowang', '{T}', "
             "'', NULL)"),
    ("0006", "INSERT INTO audit (at, who, what, issue_id, action_id, before, after) VALUES "
             f"('{T}', 'xiaowang', 'refund', 1, 1, NULL, '{{\"amount_fen\": 300}}')"),
    ("0006", "INSERT INTO order_contact (order_no, buyer_nick, receiver_name, alipay, phone, imported_at) "
             f"VALUES ('3698001', 'tb_果果妈', '李女士', 'li@example.com', '13800138000', '{T}')"),
    ("0007", "UPDATE conversation SET agent = 'xiaowang' WHERE id = 'c1'"),
    ("0008", "INSERT INTO message (id, conversation_id, direction, text, server_id, client_id, sent_at, state, "
             f"error, image, agent) VALUES (4, 'c1', 'robot', '亲，客服马上就来', NULL, 'k-4', '{T}', 'sent', '', "
             "'', 'robot')"),
    ("0009", "INSERT INTO chat_review (conversation_id, agent, reviewer, at, score, checks, comment) VALUES "
             f"('c1', 'xiaowang', 'zhuguan', '{T}', 90, '{{\"warm\": true}}', '语气好')"),
    ("0009", f"INSERT INTO message_note (message_id, reviewer, at, text, example) VALUES (2, 'zhuguan', '{T}', "
             "'好例子', 'good')"),
    ("0012", f"UPDATE shop_order SET paid_at = '{T}', buyer_note = '请发顺丰', seller_memo = '已补运费', "
             "receiver_name = '李女士', receiver_phone = '13800138000' WHERE no = '3698001'"),
    ("0014", "INSERT INTO history_message (conversation, seq, sender, text, at, buyer, agent) VALUES "
             "('h1', 1, 'buyer', '去年的鞋子也开胶了', NULL, 'tb_果果妈', '')"),
]


def _store_at(revision: str, path):
    """A store file exactly as a desk of that schema left it."""
    cfg = store_engine._alembic_config()
    old = create_engine(f"sqlite:///{path}")
    with old.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)
    old.dispose()
    with sqlite3.connect(path) as c:
        for since, statement in SEED:
            if since <= revision:
                c.execute(statement)
    c.close()


@pytest.mark.parametrize("revision", EARLIER)
def test_a_store_from_an_earlier_schema_keeps_every_row_and_works(tmp_path, revision):
    path = tmp_path / "kefudesk.db"
    _store_at(revision, path)

    s = open_store(path)
    try:
        assert s.buyer("b1").nick == "tb_果果妈"
        chat = s.conversation("c1")
        assert chat.last_text == "鞋子开胶了" and chat.waiting_since == T_AWARE and chat.unread == 1
        texts = [m.text for m in s.messages("c1")]
        assert texts[:2] == ["亲，鞋子开胶了怎么办", "亲，麻烦拍张照片哦"]
        assert [m.client_id for m in s.outbox()] == ["k-2"]  # the unsent reply still goes out
        assert s.order("3698001").amount_fen == 12900
        fts.index_pending(s)
        assert [h.message.id for h in search_messages(s, "开胶")] == [1]
        if revision >= "0002":
            assert s.draft("c1") == "亲，已经帮您" and s.get_meta("stream.last_event_id") == "e-42"
        if revision >= "0003":
            (phrase,) = s.phrases()
            assert (phrase.title, phrase.abbreviation, phrase.uses, phrase.tags) == ("发货时间", "fh", 3, ("发货",))
        if revision >= "0004":
            assert s.phrase_uses() == [(7, "什么时候发货")]
        if revision >= "0005":
            assert s.messages("c1")[2].image == "ab" * 32
        if revision >= "0006":
            issues = IssueStore(s)
            (issue,) = issues.issues()
            assert issue.note == "鞋底开胶" and issue.evidence == (1,)
            assert [a.amount_fen for a in issues.actions(issue.id)] == [300]
            assert [e.what for e in AuditLog(s).audit_log(issue.id)] == ["refund"]
            with pytest.raises(Exception, match="append-only"), s.engine.begin() as c:
                c.exec_driver_sql("DELETE FROM audit")
        if revision >= "0007":
            assert chat.agent == "xiaowang"
        if revision >= "0008":
            assert s.messages("c1")[-1].agent == "robot"
        if revision >= "0009":
            assert [r.score for r in reviews(s, conversation_ids=["c1"])] == [90]
            assert [n.text for n in notes(s, [2])] == ["好例子"]
        if revision >= "0014":  # imported before the history had its search index: found all the same
            assert [(h.conversation, h.text) for h in search_history(s, "开胶")] == [("h1", "去年的鞋子也开胶了")]
            assert [(c.conversation, c.imported) for c in past_chats(s, "b1", "tb_果果妈")][-1] == ("h1", True)
        order = s.order("3698001")
        if revision >= "0012":
            assert (order.paid_at, order.buyer_note, order.seller_memo) == (T_AWARE, "请发顺丰", "已补运费")
        else:  # the order card's columns came empty; the receiver an export named shows from its contact
            assert (order.paid_at, order.buyer_note, order.seller_memo) == (None, None, None)
            assert order.receiver_name == ("李女士" if revision >= "0006" else None)

        # and the upgraded store takes new work
        s.upsert_orders([domain.Order("3698001", "b1", order.items, 12900, "交易成功", T_AWARE, paid_at=T_AWARE,
                                      buyer_note="周末送", receiver_name="李女士")], T_AWARE)
        assert (s.order("3698001").buyer_note, s.order("3698001").status) == ("周末送", "交易成功")
        s.ingest_message(domain.Message("srv-9", "c1", "in", "照片发您了", T_AWARE))
        s.save_draft("c1", "收到", T_AWARE)
        assert s.messages("c1")[-1].text == "照片发您了" and s.draft("c1") == "收到"
        assert s.integrity_ok()
    finally:
        s.close()
    with sqlite3.connect(tmp_path / f"kefudesk.db.bak-{revision}") as c:
        assert c.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
    c.close()
