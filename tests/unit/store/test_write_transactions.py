"""Write transactions on the local store: each takes SQLite's write lock at its start, so what it reads before
writing (a refund cap's sum) is still true when it commits, across processes too (a desk and kefudesk palette, two
desks on one file); reads take no write lock and run beside a writer."""

import multiprocessing
import queue
import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from app.store.engine import open_store
from app.store.errors import StoreLocked
from app.store.issues import IssueFilter, IssueStore

from app.desk.issues import COUNTING, REFUNDS, IssueDesk
from app.desk.money import yuan_text
from app.desk.policy import Policy
from app.desk.refused import IssueRefused
from app.desk.store_problems import store_problem

from app import domain

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
DESKS = 4
ROUNDS = 8
PATIENCE = 120.0  # seconds a process waits for the others before the test gives up (a hang, not a timing)


def order(n: int) -> domain.Order:
    return domain.Order(f"39100000000000000{n:02d}", "b1", (domain.OrderItem("S1", "小鹿运动鞋", 1, 10000),), 10000,
                        "交易成功", NOW - timedelta(days=3))


def _refunder(path: str, agent: str, issue_ids: list[int], start, results) -> None:
    """One desk in its own process: at each round, as soon as every desk is ready, save ¥70 on that round's order."""
    store = open_store(path, busy_timeout=PATIENCE)  # a busy machine may keep the lock a while: wait, never fail
    desk = IssueDesk(store, agent, clock=lambda: NOW)
    try:
        for issue_id in issue_ids:
            start.wait(PATIENCE)
            try:
                desk.act(issue_id, "partial_refund", {"amount": "70", "reason": "压坏"})
                results.put((issue_id, "saved"))
            except IssueRefused as refused:
                results.put((issue_id, refused.code))
            except Exception as exc:  # noqa: BLE001 - reported to the test, which names it
                results.put((issue_id, f"{type(exc).__name__}: {exc}"))
    finally:
        store.close()


def test_desks_in_several_processes_refunding_one_order_together_never_pass_its_total(tmp_path):
    path = tmp_path / "kefudesk.db"
    store = open_store(path)
    orders = [order(n) for n in range(ROUNDS)]
    store.upsert_orders(orders, NOW)
    boss = IssueDesk(store, "店长", clock=lambda: NOW)
    boss.add_profile("店长", "supervisor", "secret-1")
    boss.set_policy(Policy(partial_refund_max_fen=10_000, partial_refund_max_share=1.0), "店长", "secret-1")
    agents = [f"客服{n}" for n in range(DESKS)]
    issues = {agent: [IssueDesk(store, agent, clock=lambda: NOW).open_issue(
        stage="after_sale", category="damage", order_no=o.no, buyer_nick="tb_小美妈妈").id for o in orders]
        for agent in agents}
    store.close()

    spawn = multiprocessing.get_context("spawn")  # a clean interpreter each, as a second program would be
    start, results = spawn.Barrier(DESKS), spawn.Queue()
    desks = [spawn.Process(target=_refunder, args=(str(path), agent, issues[agent], start, results))
             for agent in agents]
    for process in desks:
        process.start()
    outcomes: dict[int, str] = {}
    try:
        for _ in range(DESKS * ROUNDS):
            issue_id, outcome = results.get(timeout=PATIENCE)
            outcomes[issue_id] = outcome
    except queue.Empty:
        pytest.fail(f"the desks stopped answering after {len(outcomes)} of {DESKS * ROUNDS} refunds")
    finally:
        for process in desks:
            process.join(PATIENCE)
            if process.is_alive():
                process.kill()

    assert set(outcomes.values()) <= {"saved", "over_order_total"}, outcomes
    store = open_store(path)
    repo = IssueStore(store)
    try:
        refunded = {o.no: repo.amount_for_order(o.no, REFUNDS, COUNTING) for o in orders}
        by_order = {o.no: [outcomes[i.id] for i in repo.issues(IssueFilter(order_no=o.no))] for o in orders}
    finally:
        store.close()
    over = {no: yuan_text(fen) for no, fen in refunded.items() if fen > 10000}
    assert not over, f"refunded more than ¥100.00 on orders {over}"
    for no, seen in by_order.items():  # one desk's ¥70 went through, every other desk was told why not
        assert sorted(seen) == ["over_order_total"] * (DESKS - 1) + ["saved"], (no, seen)
    assert set(refunded.values()) == {7000}


def test_reads_run_while_another_program_holds_the_write_lock(tmp_path):
    path = tmp_path / "kefudesk.db"
    store = open_store(path)
    store.upsert_orders([order(1)], NOW)
    issue = IssueDesk(store, "小李", clock=lambda: NOW).open_issue(stage="after_sale", category="damage",
                                                                 order_no=order(1).no, buyer_nick="tb_小美妈妈")
    store.close()
    writer = another_program_writing(path)
    writer.execute("UPDATE issue SET note = '写了一半' WHERE id = ?", (issue.id,))
    try:  # opened while the other program writes: a read that waited for it would fail, not just be slow
        store = open_store(path, busy_timeout=0.1)
        desk = IssueDesk(store, "小李", clock=lambda: NOW)
        assert store.order(order(1).no) == order(1)
        assert [i.id for i in desk.issues()] == [issue.id]
        assert desk.issues()[0].note == ""  # the other program's change is not committed yet
        assert store.conversation_summaries() == [] and store.messages("c1") == []
        assert desk.repo.amount_for_order(order(1).no, REFUNDS, COUNTING) == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        store.close()


def another_program_writing(path) -> sqlite3.Connection:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_write_waits_for_another_programs_write_lock_and_then_goes_through(tmp_path):
    store = open_store(tmp_path / "kefudesk.db", busy_timeout=PATIENCE)
    store.save_draft("c1", "亲", NOW)
    holder = another_program_writing(store.path)
    asking = threading.Event()
    event.listen(store.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_a: asking.set() if statement == "BEGIN IMMEDIATE" else None)
    saver = threading.Thread(target=store.save_draft, args=("c1", "亲，已经在处理了", NOW))
    saver.start()
    try:
        assert asking.wait(PATIENCE), "the draft's write never asked for the lock"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    saver.join(PATIENCE)
    assert store.draft("c1") == "亲，已经在处理了"
    store.close()


def test_a_write_kept_waiting_past_the_busy_timeout_says_so_and_saves_nothing(tmp_path):
    store = open_store(tmp_path / "kefudesk.db", busy_timeout=0.1)
    store.upsert_orders([order(1)], NOW)
    desk = IssueDesk(store, "小李", clock=lambda: NOW)
    issue = desk.open_issue(stage="after_sale", category="damage", order_no=order(1).no, buyer_nick="tb_小美妈妈")
    holder = another_program_writing(store.path)
    try:
        with pytest.raises(StoreLocked) as caught:
            desk.act(issue.id, "partial_refund", {"amount": "5", "reason": "压坏"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    message = str(caught.value)
    assert str(store.path) in message and "another program" in message and "was not saved" in message
    assert store_problem(caught.value).key == "store_busy"  # the window words it in the agent's language
    assert desk.actions(issue.id) == []
    desk.act(issue.id, "partial_refund", {"amount": "5", "reason": "压坏"})  # once the other program is done
    assert [a.amount_fen for a in desk.actions(issue.id)] == [500]
    store.close()


def test_a_write_inside_another_on_the_same_thread_is_refused_at_once(tmp_path):
    store = open_store(tmp_path / "kefudesk.db", busy_timeout=PATIENCE)  # it would wait for itself that long
    with pytest.raises(RuntimeError, match="would wait for itself"), store.writing():
        store.set_meta("k", "v")
    store.set_meta("k", "after")  # the store is usable again
    assert store.get_meta("k") == "after"
    store.close()
