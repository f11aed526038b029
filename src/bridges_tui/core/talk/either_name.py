"""One name for two methods: a classmethod on the class, a method on its instances."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class ClassOrInstance:
    """Serves one name as a classmethod on the class and a method on instances.

    The agreed API uses `resume` twice: `Conversation.resume(practice, transcript)`
    picks up a saved session, `conversation.resume()` carries on after a pause.
    `from_transcript` and `resume_turn` are the unambiguous names behind them."""

    def __init__(self, on_class: str, on_instance: str) -> None:
        self._on_class = on_class
        self._on_instance = on_instance

    def __get__(self, instance: object, owner: type) -> Callable[..., Any]:
        if instance is None:
            return getattr(owner, self._on_class)
        return getattr(instance, self._on_instance)
