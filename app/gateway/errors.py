"""Errors of the gateway layer; the UI turns each into one clear sentence."""

from __future__ import annotations


class GatewayError(Exception):
    """Something went wrong talking to the shop gateway."""


class GatewayUnavailable(GatewayError):
    """The gateway cannot be reached (refused, timed out, 5xx): retry later, keep the work locally."""


class GatewayAuthError(GatewayError):
    """The gateway refused our credentials or token (401): log in again."""


class GatewayRejected(GatewayError):
    """The gateway understood the request and refused it (4xx other than 401): do not retry as is."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"the shop gateway refused the request ({status} {code}): {message}")
        self.status = status
        self.code = code


class GatewayProtocolError(GatewayError):
    """The gateway answered something that does not follow the protocol."""


class GatewayInsecure(GatewayError):
    """The gateway's address would carry the password and token unencrypted over a network: nothing is sent,
    and retrying cannot help until the address changes."""
