"""Sambung's business rules in plain Python: programs, work-item states, reasons,
calling hours, the attempt policy, the Tier-2 closing rule, phone numbers,
validators and roles.

Nothing here imports Qt, SQLAlchemy, pjsua2 or requests, and nothing reads the
clock (a Clock is injected).  The package imports none of its modules: the dapros import's
checking process (app.services.dapros_check_process) needs a few of them and starts in a
tenth of a second, where the calendar of public holidays alone takes as long.
"""
