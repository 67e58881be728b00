"""The simulated shop: catalogue, buyers and their orders, chats and the event log, and how buyers behave.

Plain Python with no I/O: the server calls it from its event loop only, so the state needs no locks. Ids
carry a per-run prefix, so a desk that outlives a simulator restart never mixes two runs' chats.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from app.shopsim import vocab
from app.shopsim.pictures import photo_png

from app import domain

# the after-sale claims (missing item, wrong item, quality or damage) a buyer backs with a photo, and the share of
# the chats opening with one where they do
PHOTO_INTENTS = ("missing", "wrong", "quality")
PHOTO_SHARE = 0.5


@dataclass
class SimBuyer:
    id: str
    nick: str
    orders: list[domain.Order] = field(default_factory=list)


@dataclass
class SimChat:
    conversation: domain.Conversation
    intent: str
    messages: list[domain.Message] = field(default_factory=list)
    patience: int = 2  # follow-ups left before the buyer gives up nagging


@dataclass(frozen=True)
class Credentials:
    shop: str = "demo"
    agent: str = "demo"
    password: str = "demo"
    name: str = "小雪"  # the agent's 花名, as a shop's back-end names its agents: what buyers read in {agent}


@dataclass
class SimAgent:
    """Someone at the shop's desks: the agent the desk logs in as, colleagues and a supervisor (a supervisor's
    stream and chat list carry every chat of the shop). They all log in with the shop's demo password."""

    id: str
    login: str
    name: str
    role: str = "agent"
    status: str = "online"

    def colleague(self) -> domain.Colleague:
        return domain.Colleague(self.id, self.name, self.role, self.status)


HANDOVER_SHARE = 1 / 30  # of background steps while the agent is online: a colleague hands over a chat
HANDOVER_NOTES = {  # by the intent's stage
    "售前": ("我要去吃饭了，这位在问尺码库存，麻烦跟进下", "买家想要优惠，我这边没权限，请帮忙处理"),
    "售中": ("物流问题，单号已查，请继续跟进", "买家要改地址，仓库还没发，请尽快备注"),
    "售后": ("售后问题，已道歉，请按流程处理", "买家情绪不好，已安抚，请帮忙看下照片"),
}
COLLEAGUE_OPENERS = ("亲，我帮您看一下哦～", "好的亲，稍等我查询一下")
COLLEAGUES = (("xiaowang", "小王", "agent", "online"), ("xiaozhang", "小张", "agent", "suspended"),
              ("zhuguan", "主管", "supervisor", "online"))


class ShopWorld:
    def __init__(self, *, buyers: int = 50, seed: int | None = None, credentials: Credentials | None = None,
                 clock: Callable[[], datetime] = domain.now_utc) -> None:
        self.rng = random.Random(seed)
        self.run = secrets.token_hex(3) if seed is None else f"s{seed}"
        self.credentials = credentials or Credentials()
        self.shop_name = vocab.SHOP_NAME
        self.clock = clock
        self.tokens: dict[str, str] = {}  # token → the agent id it was given to
        mine = self.credentials.agent
        named = {colleague[0]: colleague[1] for colleague in COLLEAGUES}  # logging in as a colleague: their name
        self.me = SimAgent(f"agent-{mine}", mine, named.get(mine) or self.credentials.name or mine)
        self.agents: dict[str, SimAgent] = {self.me.id: self.me}
        for login, name, role, status in COLLEAGUES:
            if login != self.credentials.agent:
                self.agents[f"agent-{login}"] = SimAgent(f"agent-{login}", login, name, role, status)
        self._handover_rng = random.Random(f"{self.run}-handover")  # its own stream: other draws stay as they were
        self.audience: dict[int, frozenset[str]] = {}  # event seq → the agents whose streams carry it (absent: all)
        self.agent_status = "online"
        self.held: list[str] = []  # buyers who started asking while the agent was not online (nicks)
        self.events: list[tuple[int, str, dict[str, Any]]] = []
        self.chats: dict[str, SimChat] = {}
        self.received: list[domain.Message] = []  # every agent message accepted, once each
        self.images: dict[str, bytes] = {}  # by id (SHA-256): the desk's uploads and the buyers' photos
        self._by_client_id: dict[str, domain.Message] = {}
        self.repeated_sends = 0  # replies sent again that the shop already had (the crash harness counts them)
        self._counter = 0
        self.on_event: Callable[[], None] = lambda: None
        self.buyers: list[SimBuyer] = []
        for index in range(max(1, buyers)):
            self.buyers.append(self._make_buyer(index))
        self._problem_rng = random.Random(f"{self.run}-problems")
        self._problem_counts: Counter[str] = Counter()
        self.problem_orders: list[domain.ProblemOrder] = self._make_problems()

    # --- ids and events --------------------------------------------------------------------------

    def _next_id(self, kind: str) -> str:
        self._counter += 1
        return f"{self.run}-{kind}{self._counter}"

    def event_id(self, seq: int) -> str:
        return f"{self.run}.{seq}"

    def events_after(self, last_event_id: str | None) -> int:
        """Index into self.events to replay from. An id from another run (or garbage) replays everything."""
        if last_event_id and last_event_id.startswith(f"{self.run}."):
            try:
                seq = int(last_event_id.split(".", 1)[1])
            except ValueError:
                return 0
            return max(0, min(seq, len(self.events)))
        return 0

    def _emit(self, event_type: str, data: dict[str, Any], audience: Iterable[str] | None = None) -> None:
        seq = len(self.events) + 1
        if audience is not None:
            self.audience[seq] = frozenset(audience)
        self.events.append((seq, event_type, data))
        self.on_event()

    def _chat_emit(self, chat: SimChat, event_type: str, data: dict[str, Any]) -> None:
        """An event about one chat: for the agent it is assigned to (and supervisors)."""
        self._emit(event_type, data, (chat.conversation.agent,))

    def sees(self, agent_id: str, seq: int) -> bool:
        """Whether this agent's event stream carries event seq."""
        audience = self.audience.get(seq)
        agent = self.agents.get(agent_id)
        return audience is None or agent_id in audience or (agent is not None and agent.role == "supervisor")

    def log_in(self, shop: object, login: object, password: object) -> SimAgent | None:
        """The agent for these credentials, or None; every agent of the shop shares the demo password."""
        if shop != self.credentials.shop or password != self.credentials.password:
            return None
        return next((a for a in self.agents.values() if a.login == login), None)

    # --- the shop --------------------------------------------------------------------------------

    def _make_buyer(self, index: int) -> SimBuyer:
        rng = self.rng
        nick = rng.choice(vocab.NICK_PREFIXES) + rng.choice(vocab.NICK_NAMES) + rng.choice(vocab.NICK_TAILS)
        if any(b.nick == nick for b in self.buyers) or len(nick) < 3:
            nick = f"{nick}{index}"  # nicks are unique on a marketplace
        buyer = SimBuyer(id=f"{self.run}-b{index}", nick=nick)
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            buyer.orders.append(self._make_order(buyer))
        return buyer

    def _make_order(self, buyer: SimBuyer) -> domain.Order:
        rng = self.rng
        picks = rng.sample(vocab.CATALOGUE, rng.choice((1, 1, 2)))
        items = tuple(domain.OrderItem(sku, title, rng.choice((1, 1, 2)), price, vocab.WEIGHTS.get(sku, 0))
                      for sku, title, price in picks)
        status = rng.choice(vocab.STATUSES)
        shipped = status != "等待发货"
        created_at = self.clock() - timedelta(days=rng.randrange(0, 20), minutes=rng.randrange(0, 1440))
        order = domain.Order(
            no=str(rng.randrange(10**17, 10**18)) + str(rng.randrange(10)),
            buyer_id=buyer.id,
            items=items,
            amount_fen=sum(i.qty * i.price_fen for i in items),
            status=status,
            created_at=created_at,
            courier=rng.choice(vocab.COURIERS) if shipped else "",
            tracking_no=str(rng.randrange(10**11, 10**13)) if shipped else "",
            address=f"{rng.choice(vocab.CITIES)}{rng.randrange(1, 300)}号",
            ship_by=created_at + timedelta(hours=48),  # the usual promise on the marketplaces
        )
        return self._card_details(buyer, order)

    def _card_details(self, buyer: SimBuyer, order: domain.Order) -> domain.Order:
        """What the order card shows beyond the order itself: the sizes and colours picked, the pay time, the
        buyer's note and the seller's memo (on some orders), the receiver and their mobile number. Drawn from a
        random stream of the order's own (see parcel), so adding them changed no other draw of a seeded world."""
        rng = random.Random(f"{self.run}-card-{order.no}")
        items = tuple(replace(item, spec=";".join(f"{name}:{rng.choice(choices)}"
                                                  for name, choices in vocab.SPECS.get(item.sku, ())))
                      for item in order.items)
        receiver = random.Random(f"{self.run}-receiver-{buyer.id}").choice(vocab.RECEIVERS)  # one per buyer
        return replace(order, items=items,
                       paid_at=min(order.created_at + timedelta(seconds=rng.randrange(*vocab.PAY_DELAY_S)),
                                   max(order.created_at, self.clock())),  # never in the future
                       buyer_note=rng.choice(vocab.BUYER_NOTES) if rng.random() < vocab.NOTE_SHARE else "",
                       seller_memo=rng.choice(vocab.SELLER_MEMOS) if rng.random() < vocab.MEMO_SHARE else "",
                       receiver_name=receiver, receiver_phone=self.phone_of(buyer))

    def buyer(self, buyer_id: str) -> SimBuyer | None:
        return next((b for b in self.buyers if b.id == buyer_id), None)

    def orders_of(self, buyer_id: str) -> list[domain.Order]:
        buyer = self.buyer(buyer_id)
        return sorted(buyer.orders, key=lambda o: o.created_at, reverse=True) if buyer else []

    def order(self, no: str) -> domain.Order | None:
        return next((o for b in self.buyers for o in b.orders if o.no == no), None)

    # --- chats -----------------------------------------------------------------------------------

    def open_chats(self, agent_id: str = "") -> list[domain.Conversation]:
        """The open chats of one agent (a supervisor: all of them; no agent given: all)."""
        agent = self.agents.get(agent_id)
        every = not agent_id or (agent is not None and agent.role == "supervisor")
        return [c.conversation for c in self.chats.values()
                if c.conversation.state != "closed" and (every or c.conversation.agent == agent_id)]

    def _chat_for(self, buyer: SimBuyer, intent: str, at: datetime) -> SimChat:
        for chat in self.chats.values():
            if chat.conversation.buyer.id == buyer.id and chat.conversation.state != "closed":
                return chat
        conv = domain.Conversation(self._next_id("c"), domain.Buyer(buyer.id, buyer.nick), "waiting", at, self.me.id)
        chat = SimChat(conv, intent)
        self.chats[conv.id] = chat
        self._chat_emit(chat, "conversation.assigned", {"conversation": conv.to_json()})
        return chat

    def buyer_by_nick(self, nick: str) -> SimBuyer:
        """The buyer with that nick; a new one joins the shop when nobody has it (test and demo control)."""
        for buyer in self.buyers:
            if buyer.nick == nick:
                return buyer
        buyer = SimBuyer(id=f"{self.run}-b{len(self.buyers)}", nick=nick[:60])
        buyer.orders.append(self._make_order(buyer))
        self.buyers.append(buyer)
        return buyer

    def say(self, chat: SimChat, text: str, at: datetime | None = None, image: str = "") -> domain.Message:
        message = domain.Message(self._next_id("m"), chat.conversation.id, "in", text, at or self.clock(), "", image)
        chat.messages.append(message)
        self._chat_emit(chat, "message.created", {"message": message.to_json(),
                                                  "conversation": chat.conversation.to_json()})
        return message

    def buyer_writes(self, *, nick: str = "", conversation_id: str = "", text: str = "",
                     seconds_ago: float = 0.0) -> tuple[SimChat, domain.Message]:
        """A buyer writes; seconds_ago backdates it (the demo opens on buyers who have waited a while).

        A buyer who opens a chat in their own words (no text given: background traffic, the demo's first chats)
        about an after-sale claim sends a photo right after them in about half of those chats; see
        sends_photo. Given words (a test's /sim/say) never bring a photo of themselves."""
        at = self.clock() - timedelta(seconds=seconds_ago)
        own_words = not text
        if conversation_id:
            chat = self.chats[conversation_id]
            if chat.conversation.state == "closed":  # the buyer writes again in a closed chat: it opens again
                chat.conversation = replace(chat.conversation, state="waiting")
        else:
            buyer = self.buyer_by_nick(nick) if nick else self.rng.choice(self.buyers)
            chat = self._chat_for(buyer, self.rng.choice(list(vocab.INTENTS)), at)
        if not text:  # a buyer asks something new rather than repeating the same words
            said = {m.text for m in chat.messages}
            fresh = [t for t in vocab.INTENTS[chat.intent][1] if t not in said]
            text = self.rng.choice(fresh or vocab.INTENTS[chat.intent][2])
        message = self.say(chat, text, at)
        if own_words and len(chat.messages) == 1 and self.sends_photo(chat):
            self.say_photo(chat, after=at)
        return chat, message

    def sends_photo(self, chat: SimChat) -> bool:
        """Whether the buyer opening this chat backs their claim with a photo: only missing-item, wrong-item and
        quality claims, and about half of those. Drawn from a random stream of the chat's own (see parcel), so
        photos never change what other buyers do, and the same seed gives the same chats their photos."""
        if chat.intent not in PHOTO_INTENTS:
            return False
        return random.Random(f"{self.run}-photo-{chat.conversation.id}").random() < PHOTO_SHARE

    def say_photo(self, chat: SimChat, after: datetime | None = None) -> domain.Message:
        """The buyer sends a picture alone (text ""): a small PNG of this chat's own (the damage, the open box),
        kept in self.images for GET /v1/images/{id}; a few seconds after `after`, never later than now."""
        earlier = sum(1 for m in chat.messages if m.image and m.direction == "in")
        rng = random.Random(f"{self.run}-photo-{chat.conversation.id}-{earlier}")
        data = photo_png(rng)
        image_id = hashlib.sha256(data).hexdigest()
        self.images[image_id] = data
        at = min(after + timedelta(seconds=rng.uniform(5, 40)), self.clock()) if after else self.clock()
        return self.say(chat, "", at, image=image_id)

    def spontaneous(self) -> domain.Message | None:
        """One step of background traffic: a waiting buyer nags (twice at most), or a buyer without an open
        chat starts asking. None when every buyer is in a chat and has given up nagging."""
        waiting = [c for c in self.chats.values()
                   if c.conversation.state != "closed" and c.messages and c.messages[-1].direction == "in"
                   and c.patience > 0]
        busy = {c.conversation.buyer.id for c in self.chats.values() if c.conversation.state != "closed"}
        free = [b for b in self.buyers if b.id not in busy]
        if waiting and (not free or self.rng.random() < 0.35):
            chat = self.rng.choice(waiting)
            chat.patience -= 1
            return self.say(chat, self.rng.choice(vocab.INTENTS[chat.intent][2]))
        if not free:
            return None
        colleagues = [a for a in self.agents.values() if a.id != self.me.id and a.role == "agent"]
        if self.agent_status == "online" and colleagues and self._handover_rng.random() < HANDOVER_SHARE:
            return self.colleague_hands_over(self._handover_rng.choice(free), self._handover_rng.choice(colleagues))
        nick = self.rng.choice(free).nick
        if self.agent_status != "online":  # 挂起 or offline: the shop assigns no new chat; the buyer waits for it
            if nick not in self.held:
                self.held.append(nick)
            return None
        return self.buyer_writes(nick=nick)[1]

    def colleague_hands_over(self, buyer: SimBuyer, colleague: SimAgent) -> domain.Message:
        """A colleague was talking to this buyer and hands the chat to the desk's agent with a note, as happens
        at a shift change: the demo's one desk sees a transfer arrive. Returns the buyer's first message."""
        rng = self._handover_rng
        intent = rng.choice(list(vocab.INTENTS))
        at = self.clock() - timedelta(seconds=rng.randrange(60, 240))
        conv = domain.Conversation(self._next_id("c"), domain.Buyer(buyer.id, buyer.nick), "waiting", at,
                                   colleague.id)
        chat = SimChat(conv, intent)
        self.chats[conv.id] = chat
        self._chat_emit(chat, "conversation.assigned", {"conversation": conv.to_json()})
        first = self.say(chat, rng.choice(vocab.INTENTS[intent][1]), at)
        answer = domain.Message(self._next_id("m"), conv.id, "out", rng.choice(COLLEAGUE_OPENERS),
                                at + timedelta(seconds=rng.randrange(5, 30)), f"sim-{colleague.login}-{conv.id}",
                                agent=colleague.id)
        chat.messages.append(answer)
        chat.conversation = replace(chat.conversation, state="active")
        self._chat_emit(chat, "message.created", {"message": answer.to_json(), "conversation": chat.conversation.to_json()})
        self.say(chat, rng.choice(vocab.INTENTS[intent][2]))
        self.transfer(conv.id, self.me.id, rng.choice(HANDOVER_NOTES[vocab.INTENTS[intent][0]]))
        return first

    def agent_sends(self, conversation_id: str, text: str, client_id: str,
                    image: str = "", *, robot: bool = False, agent: str = "") -> tuple[domain.Message, bool]:
        """Accept an agent's reply (or the desk robot's answer, marked robot). The same client_id again returns
        the first message: (message, created)."""
        if client_id in self._by_client_id:
            self.repeated_sends += 1
            return self._by_client_id[client_id], False
        chat = self.chats[conversation_id]
        message = domain.Message(self._next_id("m"), conversation_id, "robot" if robot else "out", text, self.clock(),
                                 client_id, image, agent or chat.conversation.agent)
        chat.messages.append(message)
        chat.patience = 2
        if chat.conversation.state == "waiting":
            chat.conversation = replace(chat.conversation, state="active")
        self._by_client_id[client_id] = message
        self.received.append(message)
        self._chat_emit(chat, "message.created", {"message": message.to_json(),
                                                  "conversation": chat.conversation.to_json()})
        return message, True

    def buyer_answer(self, conversation_id: str) -> str | None:
        """What the buyer says back to the agent, or None when they are done (then the chat stays quiet)."""
        chat = self.chats.get(conversation_id)
        if chat is None or chat.conversation.state == "closed":
            return None
        answers = sum(1 for m in chat.messages if m.direction == "out")
        if answers > 3 or self.rng.random() < 0.2:
            return self.rng.choice(vocab.CLOSINGS) if self.rng.random() < 0.5 else None
        return self.rng.choice(vocab.INTENTS[chat.intent][3])

    def set_status(self, status: str) -> None:
        """Suspended (挂起) or offline: chats already open stay and their buyers go on writing, but buyers who
        start asking now are held; back online, the held ones are assigned, oldest first."""
        self.agent_status = self.me.status = status
        self._emit("agent.status", {"status": status}, (self.me.id,))
        if status == "online":
            held, self.held = self.held, []
            for nick in held:
                self.buyer_writes(nick=nick)

    def close(self, conversation_id: str) -> domain.Conversation:
        """The agent closes the chat; a later message from the buyer in it opens it again (as waiting)."""
        chat = self.chats[conversation_id]
        chat.conversation = replace(chat.conversation, state="closed")
        self._chat_emit(chat, "conversation.closed", {"conversation_id": conversation_id})
        return chat.conversation

    def transfer(self, conversation_id: str, to: str, note: str) -> domain.Conversation:
        """Hand a chat to another agent (the caller checked both exist). As a marketplace does, a system line in
        the chat names both and carries the note, so the history keeps it; then the chat is the other agent's."""
        chat = self.chats[conversation_id]
        giver, taker = self.agents[chat.conversation.agent], self.agents[to]
        line = f"会话已由 {giver.name} 转接给 {taker.name}" + (f"。备注：{note}" if note else "")
        message = domain.Message(self._next_id("m"), conversation_id, "system", line, self.clock())
        chat.messages.append(message)
        chat.conversation = replace(chat.conversation, agent=to)
        # the transfer first: the receiving desk fetches the history (the note last in it) before the note's event
        self._emit("conversation.transferred", {"conversation": chat.conversation.to_json(), "from": giver.id,
                                                "to": to, "note": note}, (giver.id, taker.id))
        self._emit("message.created", {"message": message.to_json(), "conversation": chat.conversation.to_json()},
                   (giver.id, taker.id))
        return chat.conversation

    # --- the courier and the back office ---------------------------------------------------------

    def parcel(self, tracking_no: str) -> domain.Parcel | None:
        """The courier's record, with its scale readings and the warehouse's packing slip.

        Drawn from a random stream of the order's own, so asking never changes what buyers do and asking twice
        gives the same parcel. A parcel weighs its items plus 80–150 g of packaging, within the scale's ±15 g,
        and about the same at the last station. Of the parcels of buyers who claim a missing item, about half
        really left one unit short (its slip line unticked, the weight lower by that unit) and the rest left
        complete; of the other parcels, about one in fifteen is opened on the way and arrives lighter.
        """
        found = next(((b, o) for b in self.buyers for o in b.orders if o.tracking_no == tracking_no), None)
        if found is None:
            return None
        buyer, order = found
        rng = random.Random(f"{self.run}-parcel-{order.no}")
        # every draw is made whatever the case, so a claim changes only what it has to
        packaging, scale, drift = rng.randrange(80, 151), rng.randrange(-15, 16), rng.randrange(-10, 11)
        short_if_claimed, opened, opened_loss = rng.random() < 0.5, rng.random() < 1 / 15, rng.randrange(100, 300)
        short_unit = rng.choice([item for item in order.items for _ in range(item.qty)])
        claims_missing = any(c.intent == "missing" and c.conversation.buyer.id == buyer.id for c in self.chats.values())
        left_out = short_unit if claims_missing and short_if_claimed else None
        slip = tuple(domain.PackedLine(item.title, item.sku, item.qty, item is not left_out) for item in order.items)
        origin = sum(item.weight_g * item.qty for item in order.items) + packaging + scale
        if left_out is not None:
            origin -= left_out.weight_g
        last = origin + drift
        if opened and not claims_missing:
            last -= min(opened_loss, origin // 2)
        station = next((s for city, s in vocab.LAST_STATIONS.items() if order.address.startswith(city)), "目的地派送站")
        steps = ((vocab.ORIGIN[0], "已揽收"), (vocab.ORIGIN[1], f"已发出，下一站 {station}"), (station, f"到达 {station}"),
                 (station, "已签收" if order.status == "交易成功" else "派送中"))
        # a young parcel's steps are squeezed into its age, so none of them lies in the future
        squeeze = max(0.0, min(1.0, (self.clock() - order.created_at) / timedelta(hours=66)))
        events = tuple(domain.ParcelEvent(order.created_at + squeeze * timedelta(hours=20 + 14 * i), where, what)
                       for i, (where, what) in enumerate(steps))
        return domain.Parcel(tracking_no, order.courier, events, origin, last, station, slip)

    def phone_of(self, buyer: SimBuyer) -> str:
        """The buyer's mobile number as the back-end has it from their orders: the same on every line."""
        rng = random.Random(f"{self.run}-phone-{buyer.id}")
        return rng.choice(vocab.PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"

    def _problem(self, buyer: SimBuyer, order: domain.Order, at: datetime) -> domain.ProblemOrder:
        """A problem that fits the order (an address, stock or a note before it ships; tracking after), of the
        fitting category the list has fewest of, so even a short list shows most kinds."""
        shipped = order.status != "等待发货"
        allowed = [c for c in domain.PROBLEM_CATEGORIES if (c in vocab.PRE_SHIPPING_PROBLEMS) != shipped
                   and (c != "multiple_addresses" or len(buyer.orders) > 1)]
        fewest = min(self._problem_counts[c] for c in allowed)
        category = self._problem_rng.choice([c for c in allowed if self._problem_counts[c] == fewest])
        self._problem_counts[category] += 1
        detail = self._problem_rng.choice(vocab.PROBLEM_DETAILS[category]).format(item=order.items[0].title)
        return domain.ProblemOrder(order.no, category, buyer.nick, detail, at, self.phone_of(buyer))

    def _make_problems(self) -> list[domain.ProblemOrder]:
        """The back-end's list at start: one order in ten, half of them held before shipping, each reported
        within 30 hours of the order and never after now. A random stream of its own (see parcel)."""
        rng, now = self._problem_rng, self.clock()
        orders = [(b, o) for b in self.buyers for o in b.orders]
        waiting = [(b, o) for b, o in orders if o.status == "等待发货"]
        shipped = [(b, o) for b, o in orders if o.status != "等待发货"]
        wanted = max(1, round(len(orders) / 10)) if orders else 0
        held = min(len(waiting), (wanted + 1) // 2)
        chosen = rng.sample(waiting, held) + rng.sample(shipped, min(len(shipped), wanted - held))
        problems = []
        for buyer, order in chosen:
            window = min(timedelta(hours=30), max(timedelta(0), now - order.created_at))
            problems.append(self._problem(buyer, order, order.created_at + rng.uniform(0.05, 1) * window))
        return sorted(problems, key=lambda p: p.reported_at)

    def report_problem(self) -> domain.ProblemOrder | None:
        """The back-end flags one more order now (background traffic does this now and then, so a desk pulling
        with `since` gets something new); None when every order is on the list already."""
        listed = {p.order_no for p in self.problem_orders}
        candidates = [(b, o) for b in self.buyers for o in b.orders if o.no not in listed]
        if not candidates:
            return None
        problem = self._problem(*self._problem_rng.choice(candidates), self.clock())
        self.problem_orders.append(problem)
        return problem

    def problems_since(self, since: datetime | None) -> list[domain.ProblemOrder]:
        """The list oldest first; with since, only what was reported after it."""
        return sorted((p for p in self.problem_orders if since is None or p.reported_at > since),
                      key=lambda p: p.reported_at)
