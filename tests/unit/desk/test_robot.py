"""The robot's rules on a real SQLite store: which phrase answers which question, when the robot may answer at
all, and settings that cannot be saved."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.store.audit_log import AuditLog
from app.store.engine import open_store
from app.store.records import ConversationSummary

from app.desk.robot import Robot, RobotRule, RobotSettings, RobotSettingsInvalid, parse_settings

from app import domain
from tests.conftest import with_starter_phrases

NOW = datetime(2026, 11, 11, 2, 0, tzinfo=UTC)


@pytest.fixture
def robot(tmp_path):
    store = with_starter_phrases(open_store(tmp_path / "desk.db"))
    bot = Robot(store, clock=lambda: NOW, values=lambda chat: {"buyer": chat.buyer_nick, "agent": "小美",
                                                                   "shop": "小鹿童鞋"})
    yield bot
    store.close()


def phrase_id(robot: Robot, title: str) -> int:
    return next(p.id for p in robot.book.phrases if p.title == title)


def chat(last_direction: str = "in", waited: float = 5, state: str = "active") -> ConversationSummary:
    return ConversationSummary("c-1", "b-1", "tb_小美妈妈", state, NOW - timedelta(minutes=5), "在吗", last_direction,
                               NOW, NOW - timedelta(seconds=waited) if last_direction == "in" else None, None, 1)


def test_a_keyword_rule_answers_with_its_phrase_filled(robot):
    robot.save(RobotSettings(True, rules=(RobotRule("发货", phrase_id(robot, "发货时间"), ("什么时候发", "几天发")),)),
               "owner")
    choice = robot.choose(chat(), "在吗\n亲 什么时候发货呀")
    assert choice is not None and choice.rule.name == "发货" and "16点前付款" in choice.text
    assert robot.choose(chat(), "这双鞋偏大吗") is None  # no rule fits: the agent answers


def test_keywords_match_full_width_and_mixed_case(robot):
    robot.save(RobotSettings(True, rules=(RobotRule("券", phrase_id(robot, "优惠券"), ("coupon",)),)), "owner")
    assert robot.choose(chat(), "有ＣＯＵＰＯＮ吗") is not None


def test_a_similarity_rule_fires_only_when_its_phrase_is_the_best_fit(robot):
    robot.save(RobotSettings(True, rules=(RobotRule("有货", phrase_id(robot, "有货"), similar=True),)), "owner")
    choice = robot.choose(chat(), "这个还有货吗")
    assert choice is not None and choice.phrase.title == "有货"
    assert robot.choose(chat(), "什么时候发货") is None  # 发货时间 fits best: not this rule's phrase
    assert robot.choose(chat(), "嗯") is None


def test_a_phrase_that_would_keep_blanks_is_never_sent(robot):
    # 物流查询 needs the order's courier and tracking no.: without an order the robot stays silent
    robot.save(RobotSettings(True, rules=(RobotRule("物流", phrase_id(robot, "物流查询"), ("到哪了",)),)), "owner")
    assert robot.choose(chat(), "我的快递到哪了") is None


def test_the_robot_answers_only_waiting_chats_and_only_when_switched_on(robot):
    rules = (RobotRule("发货", phrase_id(robot, "发货时间"), ("发货",)),)
    robot.save(RobotSettings(False, after_seconds=20, rules=rules), "owner")
    assert not robot.due(chat(waited=60), "waited", NOW)  # off by default and here
    robot.save(RobotSettings(True, when_suspended=False, after_seconds=20, rules=rules), "owner")
    assert robot.due(chat(waited=60), "waited", NOW)
    assert not robot.due(chat(waited=10), "waited", NOW)
    assert not robot.due(chat("out"), "waited", NOW)
    assert not robot.due(chat(waited=60, state="closed"), "waited", NOW)
    assert not robot.due(chat(waited=1), "suspended", NOW)  # this shop's robot does not stand in for 挂起


def test_settings_are_checked_and_changes_audited(robot):
    with pytest.raises(RobotSettingsInvalid, match="choose a phrase"):
        robot.save(RobotSettings(True, rules=(RobotRule("x", 999_999, ("a",)),)), "owner")
    with pytest.raises(RobotSettingsInvalid, match="give keywords"):
        robot.save(RobotSettings(True, rules=(RobotRule("x", phrase_id(robot, "稍等")),)), "owner")
    with pytest.raises(RobotSettingsInvalid, match="0–3600"):
        parse_settings({"after_seconds": -1})
    with pytest.raises(RobotSettingsInvalid, match="its own name"):
        parse_settings({"rules": [{"name": "a", "phrase_id": 1, "keywords": ["x"]},
                                  {"name": "a", "phrase_id": 2, "keywords": ["y"]}]})
    robot.save(RobotSettings(True, after_seconds=30), "owner")
    assert Robot(robot.store, clock=lambda: NOW, values=lambda c: {}).settings == RobotSettings(True, after_seconds=30)
    changes = [e for e in AuditLog(robot.store).audit_log() if e.what == "robot settings changed"]
    assert changes[-1].who == "owner" and changes[-1].after["after_seconds"] == 30


def test_unreadable_stored_settings_leave_the_robot_off(robot):
    robot.store.set_meta("robot.settings", "{not json")
    assert Robot(robot.store, clock=lambda: NOW, values=lambda c: {}).settings.enabled is False


def test_the_robot_answers_once_until_the_agent_speaks(robot):
    store = robot.store
    store.upsert_conversation(domain.Conversation("c-1", domain.Buyer("b-1", "tb_小美妈妈"), "waiting", NOW))
    store.ingest_message(domain.Message("m-1", "c-1", "in", "什么时候发货", NOW))
    assert not robot.answered_since_agent("c-1")
    store.add_outgoing("c-1", "亲，16点前付款当天发", "kd-1", NOW, direction="robot")
    store.ingest_message(domain.Message("m-2", "c-1", "in", "那今天能发吗", NOW))
    assert robot.answered_since_agent("c-1")
    assert robot.question("c-1") == "那今天能发吗"
    store.add_outgoing("c-1", "能的亲", "kd-2", NOW)
    store.ingest_message(domain.Message("m-3", "c-1", "in", "好的", NOW))
    assert not robot.answered_since_agent("c-1")


def test_a_phrase_that_asks_for_a_decision_or_was_never_set_up_is_never_sent(robot):
    # a chat with an order: its total and its no. are known
    bot = Robot(robot.store, clock=lambda: NOW, values=lambda c: {"buyer": c.buyer_nick, "amount": "129.00",
                                                                  "order_no": "3698123456789012345"})
    bot.save(RobotSettings(True, rules=(RobotRule("质量", phrase_id(robot, "质量问题道歉"), ("开胶",)),
                                        RobotRule("地址", phrase_id(robot, "退货地址"), ("退货地址",)))), "owner")
    # the amount is the agent's decision ({ask:补偿金额|money}), not the order's total the chat would give
    assert bot.choose(chat(), "鞋子开胶了") is None
    assert bot.choose(chat(), "退货地址是哪里") is None  # 【请在短语管理里填上…】 is still in it


def test_a_complaining_buyer_is_never_asked_for_a_good_review(robot):
    store = robot.store
    robot.save(RobotSettings(True, rules=(RobotRule("好评", phrase_id(robot, "邀请好评"), ("收到了",)),)), "owner")
    store.upsert_conversation(domain.Conversation("c-1", domain.Buyer("b-1", "tb_小美妈妈"), "waiting", NOW))
    store.ingest_message(domain.Message("m-1", "c-1", "in", "收到了", NOW))
    assert robot.choose(chat(), "收到了") is not None
    store.ingest_message(domain.Message("m-2", "c-1", "in", "鞋子开胶了，我要投訴", NOW))  # 投訴: 投诉, as written
    store.ingest_message(domain.Message("m-3", "c-1", "in", "收到了", NOW))
    assert robot.choose(chat(), "收到了") is None
