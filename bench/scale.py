"""The year-long store the scale benches read: 100k, 1M or 5M messages over 365 days, 50 agents, built once and
cached under ~/.cache/kefudesk-bench/, with the search queries that are common, rare and absent in it.

    path = scale_store(store_size())   # "100k" | "1m" | "5m"; `kefudesk bench --store-size 5m` sets it
    queries = scale_queries(store_size())

The cached file is shared by every bench: open it with open_store_to_read (as the search bench does), or copy it
first to write. Chats of 4–20 messages between buyers and the shop's 50 agents (客服01…客服50); the words come from
a generated vocabulary with a Zipf-like frequency (a few very common words, a long tail of rare ones), mixed with
the simulator's real buyer lines and the starter phrases; about a third of chats name an order no. (3698…, 19
digits; the order is in shop_order). Seeded: the same size is the same file everywhere. VERSION is in the file's
name: change it whenever the generator changes, and the next run builds the new one.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

VERSION = 1
SIZES = {"100k": 100_000, "1m": 1_000_000, "5m": 5_000_000}
DEFAULT_SIZE = "100k"
AGENTS = tuple(f"客服{n:02d}" for n in range(1, 51))
START = datetime(2025, 1, 1, tzinfo=UTC)
DAYS = 365
ORDER_PREFIX = "3698"
_size = DEFAULT_SIZE

# common characters, roughly most frequent first (their rank gives each its Zipf weight inside words)
_COMMON = (
    "的一是不了在人有我这个们中来上大为和地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种"
    "事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心本前开但因只从想实日者意无力它与长把机十"
    "第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应向头文体相见被利什二等产或新己制身果加西月话"
    "合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平气题活更别打女变"
    "四总何电数安少报才结反受目太量再感建务做接必场件计管期市直资山金指许区保至形便空决展马科五基眼书非则听白却"
    "界达光放强即像难且权思象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切让识候带"
    "导争运笑飞风步改收根干造言联持组每车亲极林服快办议往元士证近失转夫令准布始怎呢存未远叫台单影具字爱击流备连"
    "调深商算质团集百需价花城石级整离况请技约示复病息究线似火断精满支视消越器容照须九增研写称八功吗包片委乎查轻"
    "易早除找装广显吧李标谈吃图念六引首医局专费号尽另周较注语仅考落青随选列红响虽推势参希构房半节土投某案黑维划"
    "致足态护七派孩验责营星够章音跟志底站严例防供效续施留讲型料终答紧黄绝奇察母段依批群项故按河米围江织害双境客"
    "采举父密低朝友诉止细愿千值仍男钱破网热助倒育属坐限船脸职速刻乐否刚毛状率甚独球般普怕弹校苦创假久错承印晚试"
    "股拿预谁益阳若哪微继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢警获模充负云停木游树疑层冷"
    "冲射略范竟句室异激村策演简卡判担静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审坚善妈读啊超免压银买养怀"
    "执副乱抗犯追帮宣岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒托央户烈洋哥索款靠评版宝座释景顾弟登货"
    "互付慢换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括鱼杂误减编肯测败屋跑梦散温困渐封救贵缺楼县尚毫"
    "移娘朋画班智亦耳恩短掌恐遗固席松秘谢遇康虑幸均销钟藏赶剧票损忽旧端探湖录叶春乡附吸予礼港雨呀板庭归饭额含顺"
    "输摇招婚脱补督油疗旅材灭逐莫笔亡鲜词择寻厂睡博烟授诺岸健堂旁宫喝借禁阴园避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷"
    "篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄丝翻暴森默握戏隐熟骨访弱歌店软典欲盘爸扩盖弄稳忘亿刺拥刀床迎冰虚玩析窗醒"
    "透购替塞努休扬途刑绿兄套贸毕唯谷轮库迹竞街促延震弃甲麻申缓潜闪售灯针折纯夏忍页筑鞋码尺寸胶退换快递")
_PUNCT = "，。？！~、"
_ABSENT_CHAR = "龘"  # in no message: a one-character query that cannot match
_REAL_WORDS = ("退", "码", "货", "退款", "发货", "尺码", "快递", "什么时", "退货地", "多大码", "什么时候", "退货地址")


def store_size() -> str:
    """The size the scale benches use in this run ("100k" unless `kefudesk bench --store-size` said otherwise)."""
    return _size


def set_store_size(size: str) -> None:
    if size not in SIZES:
        raise ValueError(f"a store size is one of {', '.join(SIZES)}, not {size!r}")
    global _size
    _size = size


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kefudesk-bench"


def scale_store(size: str) -> Path:
    """The cached store of SIZE messages, built first if it is not there yet (1–5 minutes at 5m)."""
    if size not in SIZES:
        raise ValueError(f"a store size is one of {', '.join(SIZES)}, not {size!r}")
    path = cache_dir() / f"store-{size}-v{VERSION}.sqlite"
    if not path.exists() or not _queries_path(path).exists():
        _build(path, SIZES[size])
    elif not _current(path):  # made by an earlier schema: upgraded, and its search index caught up, once
        _index(path, time.perf_counter())
    return path


def _current(path: Path) -> bool:
    """At this version's schema, with every message in the search index."""
    from app.store.engine import HEAD_REVISION
    from app.store.fts import WATERMARK

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        (revision,) = db.execute("SELECT version_num FROM alembic_version").fetchone()
        indexed = db.execute("SELECT value FROM meta WHERE key = ?", (WATERMARK,)).fetchone()
        (newest,) = db.execute("SELECT max(id) FROM message").fetchone()
    db.close()
    return revision == HEAD_REVISION and indexed is not None and int(indexed[0]) == newest


def _index(path: Path, started: float) -> None:
    """Bring the store to this version's schema and its search index up to date, as the desk's indexer does."""
    from app.store import fts
    from app.store.engine import open_store

    store = open_store(path)
    for backup in path.parent.glob(path.name + ".bak-*"):  # the upgrade's copy of the earlier schema: not needed here
        backup.unlink()
    indexed, last_report = 0, time.perf_counter()
    while done := fts.index_pending(store, limit=200_000):
        indexed += done
        if time.perf_counter() - last_report > 10:
            print(f"  scale: {indexed:,} messages indexed", flush=True)
            last_report = time.perf_counter()
    store.close()
    print(f"  scale: {path.name} indexed for search in {time.perf_counter() - started:.0f} s", flush=True)


def scale_queries(size: str) -> dict[str, dict[str, list[str]]]:
    """The search queries of the store of SIZE: {"1", "2", "3", "4", "order"} → {"common", "rare", "absent"} → terms.
    Counted while the store was built: common terms are in at least 0.5 % of messages, rare ones in 1 to a few
    dozen (a few at 100k), absent ones in none."""
    return json.loads(_queries_path(scale_store(size)).read_text(encoding="utf-8"))


def _queries_path(path: Path) -> Path:
    return path.with_suffix(".queries.json")


class _Vocabulary:
    """Words of one to four characters with a Zipf-like frequency; the last words carry rare characters of their own,
    so that single characters, too, run from very common to rare."""

    def __init__(self, rng: random.Random, size: int = 30_000) -> None:
        chars = list(dict.fromkeys(_COMMON))
        char_weights = list(accumulate(1 / (rank + 1) for rank in range(len(chars))))
        lengths = rng.choices((1, 2, 3, 4), weights=(8, 55, 27, 10), k=size)
        words: list[str] = []
        seen: set[str] = set()
        rare_chars = [chr(c) for c in range(0x5A00, 0x5A00 + 400)]  # a block the common list does not use
        for n, length in enumerate(lengths):
            while True:
                word = "".join(rng.choices(chars, cum_weights=char_weights, k=length))
                if n >= size - len(rare_chars):  # the tail: each word has a character found nowhere else
                    word = word[:-1] + rare_chars[size - 1 - n]
                if word not in seen:
                    break
                length = min(4, length + 1)  # the short words are taken: a longer one
            seen.add(word)
            words.append(word)
        self.words = words
        self.cum = list(accumulate(1 / (rank + 1) ** 1.05 for rank in range(size)))
        self.chars = chars

    def phrase(self, rng: random.Random, count: int) -> str:
        picked = rng.choices(self.words, cum_weights=self.cum, k=count)
        out = []
        for word in picked:
            out.append(word)
            if rng.random() < 0.15:
                out.append(rng.choice(_PUNCT))
        return "".join(out)


def _real_lines() -> tuple[list[str], list[str]]:
    from app.quickreplies.starter import STARTER
    from app.shopsim.vocab import INTENTS

    asks = [line for intent in INTENTS.values() for line in (*intent[1], *intent[2], *intent[3])]
    answers = [body.replace("{", "").replace("}", "") for _title, body, *_rest in STARTER]
    return asks, answers


def _candidates(vocab: _Vocabulary) -> dict[str, dict[str, list[str]]]:
    """Terms to count while building (common ones are added from the first texts written); the query set keeps
    those whose count fits their class. Rare: the ends of the vocabulary's last words, each with a character of
    its own. Absent: common characters in orders the text may never have put them in."""
    rng = random.Random(VERSION)
    tail = vocab.words[-400:]
    found: dict[str, dict[str, list[str]]] = {}
    for length in (1, 2, 3, 4):
        absent = [_ABSENT_CHAR] if length == 1 else [  # the most common characters first, then less common ones
            "".join(rng.sample(vocab.chars[:40 * length], length)) for _ in range(20)] + [
            "".join(rng.sample(vocab.chars[40:400], length)) for _ in range(40)]
        found[str(length)] = {"common": [w for w in _REAL_WORDS if len(w) == length],
                              "rare": [w[-length:] for w in tail if len(w) >= length][:40],
                              "absent": list(dict.fromkeys(absent))}
    return found


def _common_grams(texts: list[str], length: int) -> list[str]:
    counted = Counter(text[i:i + length] for text in texts[:20_000] for i in range(len(text) - length + 1))
    return [g for g, _n in counted.most_common(50) if all("\u4e00" <= c <= "\u9fff" for c in g)][:5]


def _order_no(rng: random.Random) -> str:
    return f"{ORDER_PREFIX}{rng.randrange(10**15):015d}"


def _build(path: Path, messages: int) -> None:
    from app.store.engine import open_store

    cache_dir().mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, partial.with_name(partial.name + "-wal"), partial.with_name(partial.name + "-shm")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    print(f"  scale: building {path.name} ({messages:,} messages over {DAYS} days, {len(AGENTS)} agents)…",
          flush=True)
    open_store(partial).close()
    rng = random.Random(f"kefudesk-scale-{VERSION}")
    vocab = _Vocabulary(rng)
    asks, answers = _real_lines()
    candidates = _candidates(vocab)
    counts: dict[str, int] = {t: 0 for cls in candidates.values() for terms in cls.values() for t in terms}
    db = sqlite3.connect(partial)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-200000")
    chats = messages // 12  # 4–20 messages a chat, 12 on average
    buyers = max(1_000, chats // 3)  # a buyer comes back a few times a year
    with db:
        db.executemany("INSERT INTO buyer(id, nick, phone) VALUES (?, ?, '')",
                       [(f"b{n}", f"tb_{vocab.words[n % 3000]}{n}") for n in range(buyers)])
    fmt = "%Y-%m-%d %H:%M:%S.%f"
    step = timedelta(days=DAYS) / chats
    written, orders, last_report = 0, 0, time.perf_counter()
    chat_rows: list[tuple[object, ...]] = []
    message_rows: list[tuple[object, ...]] = []
    order_rows: list[tuple[object, ...]] = []
    texts: list[str] = []
    rare_orders: list[str] = []  # whole order nos.: each in one chat

    common_at_least, rare_at_most = _bounds(messages)

    def unsettled(term: str) -> bool:  # a term known to be common, or neither rare nor absent, is counted no more
        return counts[term] < common_at_least if term in commons else counts[term] <= rare_at_most

    commons = {t for classes in candidates.values() for t in classes["common"]}

    def flush() -> None:
        if written == len(texts):  # the first texts: their most frequent n-grams are common terms
            for length, classes in candidates.items():
                for gram in _common_grams(texts, int(length)):
                    classes["common"].append(gram)
                    commons.add(gram)
                    counts.setdefault(gram, 0)
        joined = "\n".join(texts)
        for term in [t for t in counts if unsettled(t)]:
            counts[term] += joined.count(term)
        with db:
            db.executemany("INSERT INTO conversation(id, buyer_id, state, created_at, last_text, last_direction, "
                           "last_at, first_response_at, unread, agent) VALUES (?, ?, 'closed', ?, ?, ?, ?, ?, 0, ?)",
                           chat_rows)
            db.executemany("INSERT INTO message(conversation_id, direction, text, server_id, sent_at, state, error, "
                           "image, agent) VALUES (?, ?, ?, ?, ?, ?, '', '', ?)", message_rows)
            db.executemany("INSERT INTO shop_order(no, buyer_id, items, amount_fen, status, created_at, courier, "
                           "tracking_no, address, fetched_at) VALUES (?, ?, '[]', ?, 'shipped', ?, '', '', '', ?)",
                           order_rows)
        for rows in (chat_rows, message_rows, order_rows, texts):
            rows.clear()

    c = 0
    while written < messages:
        at = START + c * step
        cid, buyer, agent = f"c{c:07d}", f"b{rng.randrange(buyers)}", AGENTS[rng.randrange(len(AGENTS))]
        length = min(rng.randint(4, 20), messages - written)
        order = _order_no(rng) if rng.random() < 0.33 else ""
        first_answer = None
        for k in range(length):
            asking = k % 2 == 0
            if asking:
                text = rng.choice(asks) if rng.random() < 0.35 else vocab.phrase(rng, rng.randint(1, 5)) + "？"
                if order and k == 0:
                    text = f"订单{order} {text}"
            else:
                text = rng.choice(answers) if rng.random() < 0.35 else "亲，" + vocab.phrase(rng, rng.randint(2, 6))
            at += timedelta(seconds=rng.randrange(5, 120))
            when = at.strftime(fmt)
            if not asking and first_answer is None:
                first_answer = when
            message_rows.append((cid, "in" if asking else "out", text, f"s{written}", when,
                                 "received" if asking else "sent", "" if asking else agent))
            texts.append(text)
            written += 1
        chat_rows.append((cid, buyer, (START + c * step).strftime(fmt), text, "out" if length % 2 == 0 else "in",
                          when, first_answer, agent))
        if order:
            if len(rare_orders) < 3 * c // chats:  # one in each third of the year
                rare_orders.append(order)
            order_rows.append((order, buyer, rng.randrange(2_990, 40_000), (START + c * step).strftime(fmt), when))
            orders += 1
        c += 1
        if len(message_rows) >= 100_000:
            flush()
            if time.perf_counter() - last_report > 10:
                print(f"  scale: {written:,} of {messages:,} messages written", flush=True)
                last_report = time.perf_counter()
    flush()
    db.close()
    print(f"  scale: {written:,} messages in {c:,} chats, {orders:,} orders written in "
          f"{time.perf_counter() - started:.0f} s; indexing for search…", flush=True)
    _index(partial, started)
    chosen = _query_set(candidates, counts, messages, rare_orders)
    _queries_path(path).write_text(json.dumps(chosen, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.replace(path)
    print(f"  scale: {path} ready in {time.perf_counter() - started:.0f} s "
          f"({path.stat().st_size / 2**20:,.0f} MB)", flush=True)


def _bounds(messages: int) -> tuple[int, int]:
    """At least this many occurrences make a term common, at most this many (and one) rare."""
    return messages // 200, max(3, messages // 100_000 * 8)


def _query_set(candidates: dict[str, dict[str, list[str]]], counts: dict[str, int], messages: int,
               rare_orders: list[str]) -> dict[str, dict[str, list[str]]]:
    common_at_least, rare_at_most = _bounds(messages)
    chosen: dict[str, dict[str, list[str]]] = {}
    for length, classes in candidates.items():
        chosen[length] = {
            "common": [t for t in dict.fromkeys(classes["common"]) if counts[t] >= common_at_least][:3],
            "rare": [t for t in classes["rare"] if 1 <= counts[t] <= rare_at_most][:3],
            "absent": [t for t in classes["absent"] if counts[t] == 0][:3]}
    chosen["order"] = {"common": [ORDER_PREFIX], "rare": rare_orders,
                       "absent": [f"{ORDER_PREFIX}000000000", "402100000000"]}
    return chosen
