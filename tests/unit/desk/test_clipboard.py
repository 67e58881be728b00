"""The clipboard history on a real store: what is kept and what is not (password managers, repeats, oversize),
search, the last copied order no., pins surviving the retention, and settings checked."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest

from app.store.engine import open_store

from app.desk.clipboard import MAX_TEXT, ClipHistory, ClipSettings, ClipSettingsInvalid

T0 = datetime(2026, 11, 11, 2, 0, tzinfo=UTC)
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


@pytest.fixture
def history(tmp_path):
    store = open_store(tmp_path / "desk.db")
    now = [T0]
    clips = ClipHistory(store, clock=lambda: now[0])
    clips.now = now  # the tests move the clock
    yield clips
    store.close()


def test_copies_are_kept_newest_first_without_repeats_or_passwords(history):
    assert history.offer_text("亲，您的订单3698123456789012345已发货", "Qianniu") is not None
    assert history.offer_text("亲，您的订单3698123456789012345已发货", "Qianniu") is None  # the same copy again
    assert history.offer_text("hunter2-very-secret", "KeePassXC") is None  # a password manager: never kept
    assert history.offer_text("   ") is None and history.offer_text("x" * (MAX_TEXT + 1)) is None
    assert history.offer_image(PNG, "WeChat").kind == "image"
    assert history.offer_image(b"not a picture") is None
    history.offer_text("尺码表：脚长14.5cm穿25码")
    assert [c.kind for c in history.search()] == ["text", "image", "text"]
    assert [c.text for c in history.search("尺码 25码")] == ["尺码表：脚长14.5cm穿25码"]
    assert history.store.images.has(history.search()[1].image)


def test_the_last_copied_order_no_is_read_from_the_history(history):
    assert history.last_order_no() == ""
    history.offer_text("买家说订单号是 3698123456789012345 ，麻烦查下")
    history.offer_text("好的")  # newer, without an order no.
    assert history.last_order_no() == "3698123456789012345"
    history.offer_text("JD 订单 288512345678901")
    assert history.last_order_no() == "288512345678901"


def test_retention_keeps_pinned_entries_and_settings_are_checked(history):
    old = history.offer_text("三十多天前的话")
    history.pin(history.offer_text("置顶的地址：浙江省杭州市").id)
    history.now[0] = T0 + timedelta(days=40)
    history.offer_text("今天的话")
    history.prune()
    assert [c.text for c in history.search()] == ["置顶的地址：浙江省杭州市", "今天的话"]  # pinned first
    assert old.id not in [c.id for c in history.search()]
    with pytest.raises(ClipSettingsInvalid, match="1–3650 days"):
        history.save_settings(ClipSettings(keep_days=0))
    history.save_settings(ClipSettings(keep_items=10, excluded=("Vault",)))
    assert history.offer_text("from the vault", "MyVault app") is None
    assert history.offer_text("from keepass now allowed", "KeePassXC") is not None  # the shop's own list
    assert ClipHistory(history.store, clock=lambda: T0).settings.excluded == ("Vault",)  # kept in the store
