"""Linking: every mention of the build to one canonical entity, with the reason why."""

from kg.link.events import Event, group_events
from kg.link.resolve import link

__all__ = ["Event", "group_events", "link"]
