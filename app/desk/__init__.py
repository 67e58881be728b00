"""The work itself, free of Qt: the queue, replies and their outbox, the session with the shop."""
