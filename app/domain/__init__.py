"""Sambung's business rules in plain Python: programs, work-item states, reasons,
calling hours, the attempt policy, the Tier-2 closing rule, phone numbers,
validators and roles.

Nothing here imports Qt, SQLAlchemy, pjsua2 or requests, and nothing reads the
clock (a Clock is injected).  Importing the package imports every public module
so the layering check in the docs covers all of them.
"""

from app.domain import (attempt_counting, attempt_policy, calling_hours, calling_windows, clock,  # noqa: F401
                        number_limits, phone, programs, public_holidays, reasons, results, roles, tier2,
                        time_zones, validators, workitem, zone_lookup)
