"""The QC officer's desk (Qt): agree-call queue, recording player, scoring, verdicts."""

from app.views.qc.window import QcWindow

__all__ = ["QcWindow"]
