"""The engine's own functions, one module per family; each module exports ``FUNCTIONS``, a
dict of upper-case Excel name → :class:`~xlkpi.engine.functions.Spec`, found by
:func:`xlkpi.engine.functions.engine_functions` (modules later in name order win on a clash).

Each function follows Excel's documented behaviour and is checked against LibreOffice (and
against ``formulas``' implementation where it has one) in the tests.
"""
