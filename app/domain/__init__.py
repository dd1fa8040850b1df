"""Sambung's business rules in plain Python: programs, work-item states, reasons,
calling hours, the attempt policy, the Tier-2 closing rule, phone numbers,
validators and roles.

Nothing here imports Qt, SQLAlchemy, pjsua2 or requests, and nothing reads the
clock (a Clock is injected).  Importing the package imports every public module
so the layering check in the docs covers all of them.
"""

from app.domain import (attempt_policy, calling_hours, clock, phone, programs, reasons, results, roles,  # noqa: F401
                        tier2, validators, workitem)
