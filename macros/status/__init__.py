"""The yearly status report ("Årsstatus"): one report per plan year, on the site and as a PDF.

* :mod:`macros.status.year` works out what a year holds (pure: plan, day and
  commits in, a :class:`~macros.status.year.YearSummary` out);
* :mod:`macros.status.pages` says it in Danish as HTML sections, and binds the
  site page's building blocks;
* :mod:`macros.status.report` puts the sections into a PDF in the plan's style.

The wing sits above ``macros.pdf`` and ``macros.review``: it reuses the
follow-up, spending, list and change log pieces, and the PDF helpers.
"""
