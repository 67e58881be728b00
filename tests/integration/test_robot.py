"""The robot first answer against a real simulator over loopback HTTP: it answers a buyer who waited, and one
who writes while the agent is suspended, once, marked robot at both ends; the send guard stops it too."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from app.gateway.secrets import MemorySecretStore
from app.store.audit_log import AuditLog
from app.store.engine import open_store

from app.desk.robot import RobotRule, RobotSettings
from app.desk.session import DeskSession, ShopAccount

from tests.conftest import with_starter_phrases
from tests.integration.conftest import RecordingListener

pytestmark = pytest.mark.integration


@pytest.fixture
def desk(qtbot, sim, tmp_path):
    store = with_starter_phrases(open_store(tmp_path / "desk.db"))  # the demo shop's: its rules answer with them
    listener = RecordingListener()
    user, password = sim.credentials
    session = DeskSession(store, ShopAccount(sim.url, sim.shop_id, user, password), MemorySecretStore(), listener)
    session.start()
    qtbot.waitUntil(lambda: session.online, timeout=10_000)
    yield session, listener
    session.stop()
    store.close()


def shipping_rule(session: DeskSession) -> RobotRule:
    phrase = next(p for p in session.robot.book.phrases if p.title == "发货时间")
    return RobotRule("发货", phrase.id, ("什么时候发", "发货"))


def robot_sent(sim) -> list:
    return [m for m in sim.world.received if m.direction == "robot"]


def test_a_buyer_who_waited_gets_one_robot_answer_marked_robot(qtbot, desk, sim, control):
    session, _listener = desk
    session.robot.save(RobotSettings(True, when_suspended=False, after_seconds=1, rules=(shipping_rule(session),)),
                       "owner")
    said = control.post("/sim/say", json={"buyer_nick": sim.world.buyers[0].nick, "text": "亲 什么时候发货呀"}).json()
    cid = said["conversation"]["id"]
    qtbot.waitUntil(lambda: len(robot_sent(sim)) == 1, timeout=10_000)
    assert "16点前付款" in robot_sent(sim)[0].text
    qtbot.waitUntil(lambda: any(m.direction == "robot" and m.state == "sent" for m in session.store.messages(cid)))
    assert session.store.conversation(cid).waiting_since is None  # the buyer's clock stopped
    entry = next(e for e in AuditLog(session.store).audit_log() if e.what == "robot answer")
    assert entry.who == "robot" and entry.after["rule"] == "发货" and entry.after["question"] == "亲 什么时候发货呀"

    control.post("/sim/say", json={"conversation_id": cid, "text": "那明天能到吗，发货快点"})
    qtbot.waitUntil(lambda: session.store.conversation(cid).last_text == "那明天能到吗，发货快点", timeout=10_000)
    last_at = session.store.conversation(cid).last_at
    qtbot.waitUntil(lambda: session.robot_duty.considered(cid) == last_at, timeout=10_000)  # it had its chance
    assert [m.direction for m in session.store.messages(cid)].count("robot") == 1  # once per chat until the agent
    assert len(robot_sent(sim)) == 1                                                # answers
    review = session.robot.review(entry.at.replace(hour=0, minute=0), entry.at.replace(hour=23, minute=59))
    assert [(r.rule, r.question, r.then) for r in review] == [("发货", "亲 什么时候发货呀", "那明天能到吗，发货快点")]
    assert session.robot.fired_counts()["发货"] == 1


def test_while_suspended_the_robot_answers_at_once_and_the_guard_still_decides(qtbot, desk, sim, control):
    session, listener = desk
    rule = shipping_rule(session)
    session.robot.save(RobotSettings(True, when_suspended=True, after_seconds=0, rules=(rule,)), "owner")
    said = control.post("/sim/say", json={"buyer_nick": sim.world.buyers[1].nick, "text": "在吗"}).json()
    cid = said["conversation"]["id"]
    qtbot.waitUntil(lambda: session.store.conversation(cid) is not None)
    session.set_agent_status("suspended")
    qtbot.waitUntil(lambda: sim.world.agent_status == "suspended")
    control.post("/sim/say", json={"conversation_id": cid, "text": "几号发货"})
    qtbot.waitUntil(lambda: len(robot_sent(sim)) == 1, timeout=5000)

    # the phrase now holds an off-platform contact: the robot must not send it
    phrase = next(p for p in session.robot.book.phrases if p.id == rule.phrase_id)
    session.store.update_phrases([replace(phrase, body="亲，加微信发你物流")])
    session.robot.reload()
    other = control.post("/sim/say", json={"buyer_nick": sim.world.buyers[2].nick, "text": "hi"}).json()
    qtbot.waitUntil(lambda: session.store.conversation(other["conversation"]["id"]) is not None)
    control.post("/sim/say", json={"conversation_id": other["conversation"]["id"], "text": "什么时候发货"})
    qtbot.waitUntil(lambda: any("加微信" in p for p in listener.problems), timeout=5000)
    assert len(robot_sent(sim)) == 1
    blocked = [e for e in AuditLog(session.store).audit_log() if e.what == "robot blocked"]
    assert blocked and blocked[0].after["words"] == ["加微信"]


def test_a_complaining_buyer_gets_no_review_invitation_from_the_robot(qtbot, open_desk, sim, control):
    desk = open_desk()
    session = desk.session
    invite = next(p for p in session.robot.book.phrases if p.title == "邀请好评")
    # the review rule comes first: for a buyer who is not complaining it would answer "收到了"
    session.robot.save(RobotSettings(True, when_suspended=True, rules=(RobotRule("好评", invite.id, ("收到了",)),
                                                                       shipping_rule(session))), "owner")
    said = control.post("/sim/say", json={"buyer_nick": sim.world.buyers[3].nick,
                                          "text": "鞋子开胶了，我要投诉"}).json()
    cid = said["conversation"]["id"]
    qtbot.waitUntil(lambda: session.store.conversation(cid) is not None)
    with qtbot.waitActive(desk.window):
        desk.window.activateWindow()
    qtbot.keyClick(desk.window, Qt.Key.Key_F9)  # 挂起: the robot answers for the agent
    qtbot.waitUntil(lambda: sim.world.agent_status == "suspended")
    control.post("/sim/say", json={"conversation_id": cid, "text": "收到了，几号发货"})
    qtbot.waitUntil(lambda: len(robot_sent(sim)) == 1, timeout=10_000)
    assert "16点前付款" in robot_sent(sim)[0].text  # the shipping rule, never 邀请好评
