"""The simulator's HTTP face: the Shop Gateway protocol (docs/gateway-protocol.md) as a Starlette app,
plus /sim/ controls for demos and tests. Handlers are async so every change to the world happens on the
server's event loop."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from app.shopsim.faults import Faults, ReplayLine
from app.shopsim.world import ShopWorld

from app import domain

PROBLEM_SHARE = 1 / 40  # of background traffic steps, the ones where the back-end flags another order


@dataclass
class Traffic:
    rate: float = 0.0  # spontaneous buyer messages per minute; 0: buyers write only when told to
    initial_chats: int = 0
    reply_delay: tuple[float, float] | None = (2.0, 6.0)  # None: buyers never answer by themselves
    ping_interval: float = 15.0
    replay_speed: float = 1.0  # --speed: 2 plays a replay file twice as fast


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(domain.error_body(code, message), status_code=status)


async def _not_found(request: Request, exc: Exception) -> Response:
    return _error(404, "not_found", f"no such endpoint or resource: {request.url.path[:200]}")


async def _not_allowed(request: Request, exc: Exception) -> Response:
    return _error(405, "method_not_allowed", f"{request.method} is not allowed on {request.url.path[:200]}")


async def _json_body(request: Request) -> dict[str, Any] | None:
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError, ClientDisconnect):  # a desk killed mid-request is no server error
        return None
    return body if isinstance(body, dict) else None


class _Delayed:
    """The protocol's responses wait the fault switch's delay (the simulator's own /sim/ controls do not)."""

    def __init__(self, app: Any, faults: Faults) -> None:
        self.app, self.faults = app, faults

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope.get("type") == "http" and str(scope.get("path", "")).startswith("/v1/"):
            await asyncio.sleep(self.faults.delay_s())
        await self.app(scope, receive, send)


class SimApp:
    def __init__(self, world: ShopWorld, traffic: Traffic, faults: Faults | None = None,
                 replay: list[ReplayLine] | None = None) -> None:
        self.world = world
        self.traffic = traffic
        self.faults = faults or Faults()
        self.replay = replay or []
        self._new_event = asyncio.Event()
        self._stream_epoch = 0  # bumped by /sim/drop-streams: every open stream ends
        self._tasks: set[asyncio.Task[None]] = set()
        self.replayed = 0  # replay lines played so far
        self.fault_counts = {"streams": 0, "dropped": 0, "duplicated": 0, "reordered": 0}  # what the faults did
        self.closing = False
        self.loop: asyncio.AbstractEventLoop | None = None
        world.on_event = self._wake
        routes = [
            Route("/v1/sessions", self.login, methods=["POST"]),
            Route("/v1/events", self.events, methods=["GET"]),
            Route("/v1/conversations", self.conversations, methods=["GET"]),
            Route("/v1/conversations/{cid}/messages", self.messages, methods=["GET"]),
            Route("/v1/conversations/{cid}/messages", self.send, methods=["POST"]),
            Route("/v1/conversations/{cid}/transfer", self.transfer, methods=["POST"]),
            Route("/v1/conversations/{cid}/close", self.close, methods=["POST"]),
            Route("/v1/agents/me/status", self.status, methods=["PUT"]),
            Route("/v1/agents", self.agents, methods=["GET"]),
            Route("/v1/images/{image_id}", self.put_image, methods=["PUT"]),
            Route("/v1/images/{image_id}", self.get_image, methods=["GET"]),
            Route("/v1/orders", self.orders, methods=["GET"]),
            Route("/v1/orders/{no}", self.order, methods=["GET"]),
            Route("/v1/parcels/{tracking}", self.parcel, methods=["GET"]),
            Route("/v1/problem-orders", self.problem_orders, methods=["GET"]),
            Route("/sim/say", self.sim_say, methods=["POST"]),
            Route("/sim/received", self.sim_received, methods=["GET"]),
            Route("/sim/tick", self.sim_tick, methods=["POST"]),
            Route("/sim/drop-streams", self.sim_drop_streams, methods=["POST"]),
            Route("/healthz", self.healthz, methods=["GET"]),
        ]
        self.starlette = Starlette(routes=routes, lifespan=self._lifespan,
                                   exception_handlers={404: _not_found, 405: _not_allowed})
        self.app: Any = _Delayed(self.starlette, self.faults) if self.faults.delay_ms else self.starlette

    def _wake(self) -> None:
        event, self._new_event = self._new_event, asyncio.Event()
        event.set()

    @contextlib.asynccontextmanager
    async def _lifespan(self, app: Starlette) -> AsyncIterator[None]:
        self.loop = asyncio.get_running_loop()
        self._new_event = asyncio.Event()
        # buyers who were already waiting, oldest first, spread over the last minute
        waits = sorted((self.world.rng.uniform(0, 55) for _ in range(self.traffic.initial_chats)), reverse=True)
        for seconds_ago in waits:
            self.world.buyer_writes(seconds_ago=seconds_ago)
        if self.traffic.rate > 0:
            self._spawn(self._background_traffic())
        if self.replay:
            self._spawn(self._play(self.replay))
        yield
        self.closing = True
        self._wake()
        for task in list(self._tasks):
            task.cancel()

    def end_streams(self) -> None:
        """Let every open event stream finish (called on the loop before the server shuts down)."""
        self.closing = True
        self._wake()

    def _spawn(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _background_traffic(self) -> None:
        while True:
            await asyncio.sleep(random.expovariate(self.traffic.rate / 60.0))
            self.world.spontaneous()
            if random.random() < PROBLEM_SHARE:
                self.world.report_problem()

    async def _play(self, lines: list[ReplayLine]) -> None:
        """Recorded traffic instead of generated buyers: each line's buyer writes its text after its pause."""
        speed = self.traffic.replay_speed
        for line in lines:
            await asyncio.sleep(line.after / speed)
            self.world.buyer_writes(nick=line.buyer, text=line.text)
            self.replayed += 1

    async def _answer_later(self, conversation_id: str) -> None:
        low, high = self.traffic.reply_delay or (0.0, 0.0)
        await asyncio.sleep(random.uniform(low, high))
        text = self.world.buyer_answer(conversation_id)
        if text:
            self.world.buyer_writes(conversation_id=conversation_id, text=text)

    def _authorised(self, request: Request) -> bool:
        return self._agent(request) is not None

    def _agent(self, request: Request) -> str | None:
        """The id of the agent whose token the request carries, or None."""
        header = request.headers.get("authorization", "")
        return self.world.tokens.get(header[7:]) if header.startswith("Bearer ") else None

    # --- the protocol ----------------------------------------------------------------------------

    async def login(self, request: Request) -> Response:
        body = await _json_body(request)
        if body is None:
            return _error(400, "bad_request", "send a JSON object with shop, agent and password")
        agent = self.world.log_in(body.get("shop"), body.get("agent"), body.get("password"))
        if agent is None:
            return _error(401, "unauthorized", "unknown shop, agent or password")
        token = f"sim-{random.getrandbits(128):032x}"
        self.world.tokens[token] = agent.id
        return JSONResponse({"token": token, "agent": {"id": agent.id, "name": agent.name},
                             "shop": {"id": self.world.credentials.shop, "name": self.world.shop_name}},
                            status_code=201)

    async def events(self, request: Request) -> Response:
        agent = self._agent(request)
        if agent is None:
            return _error(401, "unauthorized", "log in first (POST /v1/sessions)")
        last = request.headers.get("last-event-id") or request.query_params.get("last_event_id")
        start = self.world.events_after(last)
        return StreamingResponse(self._stream(start, agent), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    async def _stream(self, start: int, agent: str) -> AsyncIterator[str]:
        epoch = self._stream_epoch
        sent = start
        faults = self.faults
        count = 0  # events sent on this stream (--drop-every)
        held: str | None = None  # an event held back to go after the next one (--reorder-rate)
        tally = self.fault_counts
        tally["streams"] += 1

        def breaks() -> bool:  # --drop-every: the stream ends here; the desk comes back with Last-Event-ID
            if faults.drop_every and count >= faults.drop_every:
                tally["dropped"] += 1
                return True
            return False

        yield ": kefudesk shop simulator\n\n"
        while not self.closing and epoch == self._stream_epoch:
            while sent < len(self.world.events):
                seq, event_type, data = self.world.events[sent]
                sent += 1
                if not self.world.sees(agent, seq):
                    continue  # another agent's chat
                frame = (f"id: {self.world.event_id(seq)}\nevent: {event_type}\n"
                         f"data: {json.dumps(data, ensure_ascii=False)}\n\n")
                if not faults.any:
                    yield frame
                    continue
                if faults.delay_ms:
                    await asyncio.sleep(faults.delay_s())
                if held is None and faults.reorder() and sent < len(self.world.events):
                    held = frame
                    tally["reordered"] += 1
                    continue
                out = [frame, *([held] if held else [])]
                held = None
                if faults.duplicate():
                    out.append(frame)
                    tally["duplicated"] += 1
                for piece in out:
                    yield piece
                count += 1
                if breaks():
                    return
            if held is not None:  # what came after it was another agent's: it must not wait for the next event
                yield held
                held = None
                count += 1
                if breaks():
                    return
            waiter = self._new_event
            try:
                await asyncio.wait_for(waiter.wait(), timeout=self.traffic.ping_interval)
            except TimeoutError:
                yield "event: ping\ndata: {}\n\n"

    async def conversations(self, request: Request) -> Response:
        agent = self._agent(request)
        if agent is None:
            return _error(401, "unauthorized", "log in first")
        return JSONResponse({"conversations": [c.to_json() for c in self.world.open_chats(agent)]})

    async def messages(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "unauthorized", "log in first")
        chat = self.world.chats.get(request.path_params["cid"])
        if chat is None:
            return _error(404, "not_found", "no such conversation")
        try:
            limit = max(1, min(200, int(request.query_params.get("limit", "50"))))
        except ValueError:
            return _error(422, "invalid", "limit must be an integer")
        history = chat.messages
        before = request.query_params.get("before")
        if before:
            ids = [m.id for m in history]
            history = history[: ids.index(before)] if before in ids else []
        return JSONResponse({"messages": [m.to_json() for m in history[-limit:]]})

    async def send(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "unauthorized", "log in first")
        cid = request.path_params["cid"]
        if cid not in self.world.chats:
            return _error(404, "not_found", "no such conversation")
        body = await _json_body(request)
        if body is None:
            return _error(400, "bad_request", "send a JSON object with text and client_id")
        text, client_id, image = body.get("text"), body.get("client_id"), body.get("image") or ""
        if not isinstance(image, str) or (image and image not in self.world.images):
            return _error(422, "invalid", "image: upload it first with PUT /v1/images/{sha256}")
        if not isinstance(text, str) or (not text.strip() and not image) or len(text) > domain.MAX_TEXT_CHARS:
            return _error(422, "invalid", f"text must be 1–{domain.MAX_TEXT_CHARS} characters (or send an image)")
        if not isinstance(client_id, str) or not 1 <= len(client_id) <= 100:
            return _error(422, "invalid", "client_id must be 1–100 characters")
        message, created = self.world.agent_sends(cid, text, client_id, image, robot=body.get("robot") is True,
                                                  agent=self._agent(request) or "")
        if created and self.traffic.reply_delay is not None:
            self._spawn(self._answer_later(cid))
        return JSONResponse({"message": message.to_json()}, status_code=201 if created else 200)

    async def put_image(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "unauthorized", "log in first")
        image_id = request.path_params["image_id"]
        data = await request.body()
        if len(data) > domain.MAX_IMAGE_BYTES:
            return _error(413, "too_large", f"images are limited to {domain.MAX_IMAGE_BYTES // (1024 * 1024)} MB")
        if not domain.image_type(data):
            return _error(422, "invalid", "not a PNG, JPEG, GIF or WebP image")
        if hashlib.sha256(data).hexdigest() != image_id:
            return _error(422, "invalid", "the image id is not the SHA-256 of the bytes sent")
        created = image_id not in self.world.images
        self.world.images[image_id] = data
        return JSONResponse({"image": image_id}, status_code=201 if created else 200)

    async def get_image(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "unauthorized", "log in first")
        data = self.world.images.get(request.path_params["image_id"])
        if data is None:
            return _error(404, "not_found", "no image with that id")
        return Response(data, media_type=domain.image_type(data))

    async def transfer(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "unauthorized", "log in first")
        body = await _json_body(request) or {}
        cid = request.path_params["cid"]
        if cid not in self.world.chats:
            return _error(404, "not_found", "no such conversation")
        to, note = body.get("to"), body.get("note", "")
        if not isinstance(to, str) or to not in self.world.agents:
            return _error(422, "invalid", "to: the id of one of the shop's agents (GET /v1/agents)")
        if to == self.world.chats[cid].conversation.agent:
            return _error(422, "invalid", "to: the chat is already that agent's")
        if not isinstance(note, str) or len(note) > domain.MAX_NOTE_CHARS:
            return _error(422, "invalid", f"note: text of at most {domain.MAX_NOTE_CHARS} characters")
        conv = self.world.transfer(cid, to, note.strip())
        return JSONResponse({"conversation": conv.to_json()})

    async def agents(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "unauthorized", "log in first")
        return JSONResponse({"agents": [a.colleague().to_json() for a in self.world.agents.values()]})

    async def close(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "unauthorized", "log in first")
        cid = request.path_params["cid"]
        if cid not in self.world.chats:
            return _error(404, "not_found", "no such conversation")
        return JSONResponse({"conversation": self.world.close(cid).to_json()})

    async def status(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "unauthorized", "log in first")
        body = await _json_body(request) or {}
        if body.get("status") not in domain.AGENT_STATUSES:
            return _error(422, "invalid", f"status must be one of {', '.join(domain.AGENT_STATUSES)}")
        self.world.set_status(body["status"])
        return JSONResponse({"status": body["status"]})

    async def orders(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "unauthorized", "log in first")
        buyer_id = request.query_params.get("buyer", "")
        return JSONResponse({"orders": [o.to_json() for o in self.world.orders_of(buyer_id)]})

    async def order(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "unauthorized", "log in first")
        order = self.world.order(request.path_params["no"])
        return JSONResponse({"order": order.to_json()}) if order else _error(404, "not_found", "no such order")

    async def parcel(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "unauthorized", "log in first")
        parcel = self.world.parcel(request.path_params["tracking"])
        return JSONResponse(parcel.to_json()) if parcel else _error(404, "not_found", "no such parcel")

    async def problem_orders(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "unauthorized", "log in first")
        raw = request.query_params.get("since")
        try:
            since = domain.parse_time(raw, "since") if raw is not None else None
        except domain.ProtocolError as exc:
            return _error(400, "bad_request", str(exc))
        return JSONResponse({"problem_orders": [p.to_json() for p in self.world.problems_since(since)]})

    # --- simulator controls (not part of the protocol) -------------------------------------------

    async def sim_say(self, request: Request) -> Response:
        body = await _json_body(request)
        if body is None or not isinstance(body.get("text", ""), str):
            return _error(400, "bad_request", "send a JSON object with text and buyer_nick or conversation_id")
        cid = body.get("conversation_id") or ""
        if cid and cid not in self.world.chats:
            return _error(404, "not_found", "no such conversation")
        chat, message = self.world.buyer_writes(nick=str(body.get("buyer_nick") or ""), conversation_id=cid,
                                                text=body.get("text") or "")
        if body.get("photo") is True:  # and a picture after the words, as a claimant sends one
            message = self.world.say_photo(chat)
        return JSONResponse({"conversation": chat.conversation.to_json(), "message": message.to_json()})

    async def sim_tick(self, request: Request) -> Response:
        """Background traffic on demand: {"steps": n} steps of it now (buyers nag or start asking, as with
        --rate, but without waiting); answers how many messages the buyers wrote and how many are held."""
        body = await _json_body(request) or {}
        steps = body.get("steps", 1)
        if not isinstance(steps, int) or not 1 <= steps <= 1000:
            return _error(400, "bad_request", "steps must be a whole number 1–1000")
        written = sum(1 for _ in range(steps) if self.world.spontaneous() is not None)
        return JSONResponse({"messages": written, "held": len(self.world.held)})

    async def sim_received(self, request: Request) -> Response:
        return JSONResponse({"messages": [m.to_json() for m in self.world.received]})

    async def sim_drop_streams(self, request: Request) -> Response:
        self._stream_epoch += 1
        self._wake()
        return JSONResponse({"dropped": True})

    async def healthz(self, request: Request) -> Response:
        return JSONResponse({"ok": True})
