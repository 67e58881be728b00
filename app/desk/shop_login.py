"""Logging in to the shop: the token saved in the keyring or the password, who this desk is at the shop, and
logging in again when the shop refuses the token (a gateway restarted and forgot its sessions). The session
(app/desk/session.py) holds one LoginKeeper and keeps its public log_in(); the window asks the agent for the
password when told to (DeskListener.on_login_needed)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from app.gateway.client import GatewayClient
from app.gateway.errors import GatewayAuthError, GatewayError
from app.gateway.secrets import SecretStore
from app.store.store import Store

from app.desk.reasons import Reason
from app.desk.shop_settings import agent_id_key

from app import domain

if TYPE_CHECKING:
    from app.desk.session import ShopAccount

log = logging.getLogger("kefudesk.desk")


class LoginKeeper:
    """One session's login to its shop. gateways: every client that must carry the token (requests and the
    event stream); offline(why): the desk is offline for this reason; ask(why): ask the agent for the password;
    logged_in(): the agent's password worked, the stream and the outbox may go on; guarded(fn): run fn, telling
    the agent of a store failure instead of raising."""

    def __init__(self, store: Store, account: ShopAccount, secrets: SecretStore, gateways: tuple[GatewayClient, ...],
                 *, offline: Callable[[Reason], None], ask: Callable[[Reason], None], logged_in: Callable[[], None],
                 guarded: Callable[[Callable[[], object]], None]) -> None:
        self.store = store
        self.account = account
        self._secrets = secrets
        self._gateways = gateways
        self._offline, self._ask, self._logged_in, self._guarded = offline, ask, logged_in, guarded
        self.session: domain.Session | None = None
        self._me: str | None = None  # this desk's agent id, once known
        self._lock = threading.Lock()  # one login again at a time, however many calls saw the token refused
        self.wanted = False  # the agent was asked for the password and has not given one that works

    def login(self) -> None:
        """With the password this session holds, else with the saved token (GatewayAuthError when there is
        neither or the shop refuses the password)."""
        token = self._secrets.get(self.account.secret_key) or ""
        if not token or self.account.password:
            if not self.account.password:
                raise GatewayAuthError("no saved login for this shop: enter the password to log in")
            self._password_login()
            self._remember_agent()
            return
        self._use_token(token)

    def forget_password(self) -> None:
        """The shop refused it: never tried again by itself."""
        self.account = replace(self.account, password="")

    def forget_token(self) -> None:
        self._secrets.delete(self.account.secret_key)

    def _password_login(self) -> None:
        """Log in with the password this session holds (GatewayError when the shop does not take it) and use the
        new token from now on, the keyring's too."""
        self.session = self._gateways[0].login(self.account.shop, self.account.agent, self.account.password)
        self._secrets.set(self.account.secret_key, self.session.token)
        self._use_token(self.session.token)

    def _remember_agent(self) -> None:
        """Who this desk is at the shop, for the logins with a saved token after this one."""
        assert self.session is not None
        self.store.set_meta(self._me_key, self.session.agent_id)
        self._me = self.session.agent_id
        self.store.ensure_shop(self.session.shop_id, self.session.shop_name, self.account.base_url)
        # the shop's id and this desk's login both name this agent in the records (app/desk/names.py)
        named = {self.session.agent_id: self.session.agent_name}
        if len(self.account.agent) <= domain.ID_CHARS:
            named[self.account.agent] = self.session.agent_name
        self.store.ensure_agents(self.session.shop_id, named)

    def _use_token(self, token: str) -> None:
        for gateway in self._gateways:
            gateway.token = token

    # --- logging in again ------------------------------------------------------------------------

    def log_in_again(self, refused_token: str) -> bool:
        """The shop refused the token (a gateway restarted and forgot its sessions): log in again with the password
        this session holds, once for every call that saw the same token refused. Returns whether a new token is
        in place. With no password, or one the shop refuses, the agent is asked (on_login_needed) and the desk
        stays offline with its outbox kept until log_in() gets one."""
        with self._lock:
            if self._gateways[0].token != refused_token:
                return True  # the stream or the outbox already did
            if self.wanted:
                return False
            if not self.account.password:
                self.want_login(Reason("login_needed", "the shop asks for the password again: enter it to go on"))
                return False
            try:
                self._password_login()
            except GatewayAuthError as exc:
                self.forget_password()
                self.want_login(Reason("login_refused", str(exc), detail=str(exc)))
                return False
            except GatewayError as exc:  # the gateway is not back yet: the stream's backoff tries again
                log.info("logging in again failed: %s", exc)
                return False
            log.info("the shop refused the token; logged in again")
            return True

    def want_login(self, why: Reason) -> None:
        self.wanted = True
        self.forget_token()
        self._offline(why)
        self._ask(why)

    def log_in(self, password: str) -> None:
        """The agent's answer to on_login_needed: log in with it off the caller's thread; the stream comes back and
        the outbox goes out, or the agent is asked again."""
        self.account = replace(self.account, password=password)
        threading.Thread(target=self._log_in_given, name="kefudesk-login", daemon=True).start()

    def _log_in_given(self) -> None:
        with self._lock:
            try:
                self._password_login()
            except GatewayAuthError as exc:
                self.forget_password()
                self._ask(Reason("login_refused", str(exc), detail=str(exc)))
                return
            except GatewayError as exc:  # the password is kept: the stream logs in with it once the shop answers
                log.info("logging in failed: %s", exc)
            else:
                if not self.me:  # the first login of this store was the one refused at start
                    self._guarded(self._remember_agent)
            self.wanted = False
        self._logged_in()

    @property
    def _me_key(self) -> str:
        return agent_id_key(self.account.base_url, self.account.shop, self.account.agent)

    @property
    def me(self) -> str:
        """This desk's agent id at the shop ("" until the first password login told it; kept in the store for
        the logins with a saved token after it)."""
        if self._me is None:
            self._me = self.store.get_meta(self._me_key) or None
        return self._me or ""
