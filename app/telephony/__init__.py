"""Telephony: everything pjsua2 (the only package that imports it).

Public API: `Softphone` (app.telephony.softphone), the dataclasses and listener
protocol of app.telephony.events (with `ProgressVerdict`, what call-progress analysis in
app.telephony.progress heard), and `CallRefused`/`EngineError`.  The customer
simulator (app.telephony.simulator) is a separate demo/test process.  Importing this
package does not import pjsua2; the submodules that need it do.
"""

from app.telephony.events import (CallOutcome, CallSnapshot, NullListener, PhoneListener, ProgressVerdict,
                                  RegistrationState, SipConfig)

__all__ = ["CallOutcome", "CallSnapshot", "NullListener", "PhoneListener", "ProgressVerdict", "RegistrationState",
           "SipConfig"]
