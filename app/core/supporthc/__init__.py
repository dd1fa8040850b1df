"""Support HC (W-24): the cases it escorts to the units, as use cases."""
