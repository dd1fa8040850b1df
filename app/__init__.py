"""Sambung: one window for the outbound call-center agent's day.

Layers (imports point down only): views -> app core (controllers, cli) ->
telephony / services / store -> domain.  See ../shared/DESIGN.md.
"""

__version__ = "0.1.0"
