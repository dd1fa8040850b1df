"""The agent's desk (CT-0, PRANPC and Tier-2): the use cases and the customer on the desk."""

from app.core.desk.card import CustomerCard, HistoryRow, PhoneView
from app.core.desk.desk import AttemptStarted, Desk
from app.core.desk.errors import DeskError, ResultInvalid
from app.core.desk.result import SavedResult

__all__ = ["AttemptStarted", "CustomerCard", "Desk", "DeskError", "HistoryRow", "PhoneView", "ResultInvalid",
           "SavedResult"]
