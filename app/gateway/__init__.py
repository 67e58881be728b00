"""The client side of the Shop Gateway protocol: HTTP calls, the event stream, credentials."""
