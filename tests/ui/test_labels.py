"""The desk's reasons (refusals, limits, fraud flags, weight-check findings) reach the agent in their language:
every reason the desk can give has words, the words use only values the reason carries, and the Chinese keeps
every value."""

import ast
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from app.store.engine import open_store

from app.desk.checks import missing_item_check
from app.desk.issues import IssueDesk
from app.desk.refused import IssueRefused

from app.ui.labels import REASONS, say

from app import domain

ROOT = Path(__file__).resolve().parents[2]
QM = ROOT / "app" / "ui" / "i18n" / "kefudesk_zh_CN.qm"
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def reasons_in_the_desk() -> dict[str, set[str]]:
    """Each Reason(...) the desk code builds: its key and the names of the values it passes."""
    found: dict[str, set[str]] = {}
    for path in sorted(set((ROOT / "app" / "desk").glob("*.py")) - {ROOT / "app" / "desk" / "reasons.py"}):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Reason":
                key = node.args[0]
                if ast.unparse(key) == "reason.key":  # re-worded for the CLI, keeping another reason's key
                    continue
                assert isinstance(key, ast.Constant), f"{path.name}:{node.lineno}: a Reason key must be a literal"
                found.setdefault(key.value, set()).update(k.arg for k in node.keywords)
    return found


def test_every_reason_the_desk_gives_has_words_that_use_only_its_values():
    given = reasons_in_the_desk()
    assert len(given) > 40, "the scan found the desk's reasons"
    assert not set(given) - set(REASONS), "add these keys to app/ui/labels.py REASONS"
    for key, names in given.items():
        used = set(PLACEHOLDER.findall(REASONS[key]))
        assert used <= names, f"{key}: the words use {used - names}, which the desk does not pass"


def test_the_chinese_words_keep_every_value():
    ts = ROOT / "resources" / "i18n" / "kefudesk_zh_CN.ts"
    for context in ET.parse(ts).iter("context"):
        if context.findtext("name") != "Reason":
            continue
        for message in context.iter("message"):
            source, translation = message.findtext("source"), message.findtext("translation")
            assert set(PLACEHOLDER.findall(source)) == set(PLACEHOLDER.findall(translation)), source


@pytest.fixture
def chinese(qapp):
    translator = QTranslator()
    assert translator.load(str(QM))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def desk(tmp_path):
    store = open_store(tmp_path / "k.db")
    order = domain.Order("3912345678901234567", "b1", (domain.OrderItem("S1", "纯棉袜 三双装", 2, 9000, 270),),
                         18000, "交易成功", NOW - timedelta(days=3))
    store.upsert_orders([order], NOW)
    yield IssueDesk(store, "小李", clock=lambda: NOW), order
    store.close()


def test_a_refusal_reaches_a_chinese_agent_in_chinese_with_its_amounts(chinese, desk):
    issue_desk, order = desk
    issue = issue_desk.open_issue(stage="after_sale", category="missing_item", order_no=order.no)
    with pytest.raises(IssueRefused) as over:
        issue_desk.act(issue.id, "partial_refund", {"amount": "200", "reason": "少发"})
    with pytest.raises(IssueRefused) as malformed:
        issue_desk.act(issue.id, "partial_refund", {"amount": "12.345", "reason": "少发"})
    assert "more than order" in str(over.value)  # the CLI and the audit log keep the English
    assert say(over.value.reason) == f"¥200.00 超过订单 {order.no} 还能退的金额（¥180.00 中还剩 ¥180.00）"
    assert say(malformed.value.reason).startswith("金额（元）：12.345 不是金额")


def test_weight_findings_and_limits_are_worded_with_the_station_and_the_policy(chinese, desk):
    issue_desk, order = desk
    parcel = domain.Parcel("73100000000001", "中通快递", (), origin_weight_g=700, last_weight_g=520)
    check = missing_item_check(order, parcel)
    assert check.verdict == "genuine"
    assert say(check.reasons[0]) == "包裹从揽收（700 克）到末站（520 克）少了 180 克：途中被拆或破损"
    issue = issue_desk.open_issue(stage="after_sale", category="missing_item", order_no=order.no)
    outcome = issue_desk.act(issue.id, "partial_refund", {"amount": "20", "reason": "少发"})
    assert say(outcome.needs_approval) == "超过 ¥6.00 的部分退款需要主管批准"


def test_plain_text_and_unknown_reasons_are_shown_as_they_are(qapp):
    from app.desk.reasons import Reason

    assert say("网络断开") == "网络断开"
    assert say(Reason("from_a_newer_desk", "something new", x=1)) == "something new"
