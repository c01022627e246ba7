"""The shared kernel: what every app builds on and which builds on nothing of the project.

``rules`` (the reasons a rule gives, citations), ``validators`` (identity numbers, credit codes),
``privacy`` (masking), ``money`` (amounts in figures and in Chinese capitals), ``append_only`` (the
database triggers of append-only tables), ``readonly_admin``, ``forms`` and ``widgets`` (tablet inputs).
"""
