"""Call-progress analysis: what the call's early and answered media say before anyone talks.

  tone_plan    the tones Sambung knows (Indonesian 425 Hz cadences, ITU-T E.180 SIT), and makes them
  frames       short-time analysis of 8 kHz audio (numpy)
  cadence      ringback / busy / congestion / SIT from the tone frames
  fingerprint  the announcement fingerprint and matching
  library      reading the site's announcement library (WAVs + manifest.json)
  classifier   the per-call classifier: audio in, ProgressVerdicts out (no pjsua2, no threads)
  tap          the pjsua2 AudioMediaPort on the call's media and the worker thread (the only pjsua2 part)

Importing this package imports no pjsua2: the classifier can be tested and measured alone.
"""
