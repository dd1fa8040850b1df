"""The stand-in server of Sambung's integrations contract (i-payment, MyCX, TAMARA, Callback).

Used by `sambung standin`, the demo and the tests; see app.services.standin.server.
"""

from app.services.standin.faults import FaultPlan
from app.services.standin.server import StandinServer

__all__ = ["StandinServer", "FaultPlan"]
