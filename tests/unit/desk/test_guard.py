"""The send guard: insults and words the marketplace forbids are found however they are typed (full-width,
mixed case, a zero-width space inside, spaced out, traditional, homophones — issue 17), Latin words only as whole
words, and nothing the shop says every day is blocked — checked on the starter library, the simulator's buyers
and a list of ordinary replies (measured on a few hundred of each in test_normalise.py)."""

import unicodedata

import pytest

from app.quickreplies.starter import STARTER
from app.shopsim import vocab
from app.store.audit_log import AuditLog
from app.store.engine import open_store

from app.desk.guard import SendGuard, default_words, edit_words, removal_needs_supervisor
from app.desk.issues import IssueDesk
from app.desk.profiles import LOCK_AFTER
from app.desk.refused import IssueRefused

EVERYDAY = (
    "亲，给你妈妈买的吗？可以选大一码哦", "马上你就能收到啦", "明日你下单我们就发顺丰", "这是妈妈的礼物吗亲",
    "鞋盒压坏了我们给您补发一个新的破鞋盒不影响的哦", "老母亲节快到了，有活动哦", "他爹说要换颜色是吗？",
    "USB充电的那款暂时缺货", "您的运单号是SF1234567890", "好的亲，已经帮您备注了[微笑]", "上你们家买了好几次",
)


@pytest.fixture
def guard():
    return SendGuard(default_words())


@pytest.mark.parametrize(("text", "word"), [
    ("你是不是傻B啊", "傻B"),
    ("神经病吧你", "神经病"),
    ("亲可以加微信聊", "加微信"),
    ("加我ＱＱ号：12345", "QQ号"),  # full-width letters
])
def test_insults_and_off_platform_words_are_found_however_they_are_typed(guard, text, word):
    [hit] = [h for h in guard.check(text) if h.word == word]  # 加我ＱＱ号 is 加QQ and QQ号
    assert unicodedata.normalize("NFKC", text[hit.start:hit.end]).casefold() == word.casefold()


@pytest.mark.parametrize(("text", "span"), [  # issue 17, as reproduced: each of these went out before
    ("亲可以加 微 信聊，发你实拍图", "加 微 信"),
    ("亲加薇信，给你优惠", "加薇信"),
    ("有问题加 v 说", "加 v"),
    ("有问题+v说", "+v"),
    ("V X：xiaolu888", "V X"),
    ("好評返現5元哦", "好評返現"),  # traditional
    ("加Ｖ　Ｘ吧", "加Ｖ　Ｘ"),  # full-width letters and an ideographic space
    ("加😊微😊信，发你图", "加😊微😊信"),
    ("你个沙比", "沙比"),
])
def test_the_dodges_of_issue_17_are_stopped_and_the_span_is_what_the_agent_typed(guard, text, span):
    assert [text[h.start:h.end] for h in guard.check(text)] == [span]


def test_a_zero_width_space_inside_a_word_does_not_hide_it_and_the_span_covers_it():
    text = "你真是个白\u200b痴😅"
    [hit] = SendGuard({"白痴": "insult"}).check(text)
    assert (hit.start, hit.end, text[hit.end:]) == (4, 7, "😅")


def test_latin_words_match_whole_words_only(guard):
    assert [h.word for h in guard.check("你就是个SB")] == ["sb"]
    assert guard.check("usb接口") == [] and guard.check("vx1000型号") == []
    assert [h.kind for h in guard.check("加vx吧")] == ["off_platform"]


def test_nothing_the_shop_says_every_day_is_blocked(guard):
    texts = [*EVERYDAY, *(row[2] for row in STARTER), *(row[0] for row in STARTER)]
    for _stage, openers, follow_ups, answers in vocab.INTENTS.values():
        texts += [*openers, *follow_ups, *answers]
    blocked = {text: [h.word for h in guard.check(text)] for text in texts if guard.check(text)}
    assert not blocked


def test_a_shop_adds_its_own_words_and_switches_defaults_off_audited(tmp_path, guard):
    store = open_store(tmp_path / "k.db")
    assert guard.check("笨蛋")
    edited = edit_words(store, "店长", add=["差评师"], remove=["笨蛋"])
    assert [h.kind for h in edited.check("你这个差评师")] == ["custom"] and edited.check("笨蛋") == []
    assert SendGuard.for_store(store).check("笨蛋") == []  # kept in the store
    again = edit_words(store, "店长", add=["笨蛋"], remove=["差评师"])
    assert again.check("笨蛋") and again.check("差评师") == []
    entries = [e for e in AuditLog(store).audit_log() if e.what == "guard words changed"]
    assert [e.who for e in entries] == ["店长", "店长"] and entries[0].after == {"added": ["差评师"],
                                                                              "removed": ["笨蛋"], "desk": "店长"}
    with pytest.raises(ValueError, match="1–40 characters"):
        edit_words(store, "店长", add=["  "])
    store.close()


@pytest.fixture
def supervised(tmp_path):
    """A store with a supervisor (店长) and an agent (小李), and the shop's own word 差评师."""
    store = open_store(tmp_path / "k.db")
    IssueDesk(store, "setup").add_profile("店长", "supervisor", "secret-1")
    IssueDesk(store, "setup").add_profile("小李", "agent")
    edit_words(store, "小李", add=["差评师"])  # anyone tightens the guard
    yield store
    store.close()


def changes(store) -> list:
    return [e for e in AuditLog(store).audit_log() if e.what == "guard words changed"]


def test_an_agent_cannot_switch_a_banned_word_off_where_the_store_has_a_supervisor(supervised):
    """The floor's first rule is the guard (DOMAIN.md); switching 加微信 off let an agent send it with no override."""
    for word in ("加微信", "差评师"):  # a default and the shop's own
        with pytest.raises(IssueRefused, match=f"switching off {word} takes a supervisor's name and password") as e:
            edit_words(supervised, "小李", remove=[word])
        assert e.value.code == "supervisor_needed"
        with pytest.raises(IssueRefused, match="'小李' is not a supervisor"):  # naming oneself does not help
            edit_words(supervised, "小李", remove=[word], supervisor="小李", password="anything")
        with pytest.raises(IssueRefused, match="wrong password for '店长'"):
            edit_words(supervised, "小李", remove=[word], supervisor="店长", password="guess")
    guard = SendGuard.for_store(supervised)
    assert guard.check("可以加微信吗") and guard.check("你这个差评师")  # nothing changed
    assert [e.after for e in changes(supervised)] == [{"added": ["差评师"], "removed": [], "desk": "小李"}]
    tries = [e for e in AuditLog(supervised).audit_log() if e.what == "wrong password"]
    assert [(e.who, e.after) for e in tries] == [("小李", {"profile": "店长"})] * 2  # counted towards the lock-out
    edit_words(supervised, "小李", add=["闲鱼"])  # adding stays open to everyone
    assert SendGuard.for_store(supervised).check("闲鱼上更便宜")


def test_a_supervisor_switches_a_word_off_at_an_agents_desk_and_the_log_names_both(supervised):
    guard = edit_words(supervised, "小李", remove=["加微信", "差评师"], supervisor="店长", password="secret-1")
    assert guard.check("可以加微信吗") == [] and guard.check("你这个差评师") == []
    assert SendGuard.for_store(supervised).check("可以加微信吗") == []  # kept in the store
    last = changes(supervised)[-1]
    assert (last.who, last.after) == ("店长", {"added": [], "removed": ["加微信"], "desk": "小李"})


def test_the_guard_takes_the_lock_out_of_the_supervisors_password(supervised):
    for _ in range(LOCK_AFTER):
        with pytest.raises(IssueRefused, match="wrong password"):
            edit_words(supervised, "小李", remove=["加微信"], supervisor="店长", password="guess")
    with pytest.raises(IssueRefused, match="locked until"):
        edit_words(supervised, "小李", remove=["加微信"], supervisor="店长", password="secret-1")
    assert SendGuard.for_store(supervised).check("可以加微信吗")


def test_a_store_without_a_supervisor_lets_its_user_switch_words_off_alone(tmp_path):
    store = open_store(tmp_path / "k.db")
    IssueDesk(store, "setup").add_profile("小李", "agent")  # agents only: nobody to ask
    assert not removal_needs_supervisor(store)
    assert edit_words(store, "小李", remove=["加微信"]).check("可以加微信吗") == []
    assert [(e.who, e.after["removed"]) for e in changes(store)] == [("小李", ["加微信"])]
    store.close()
