"""What a build reads of its settings before anything else: the day it works the statuses out for.

Its own small module: ``ocop.site.build`` needs it to tell whether anything changed since the last
build (ocop.site.no_change) before it imports the plugin and what renders the pages.
"""

from datetime import date


class BuildRefused(SystemExit):
    """Stop the build without a traceback: the report has been printed already."""


def build_day(settings) -> date:
    """The day the build works the statuses out for: OCOP_TODAY, else the system's date."""
    value = settings.get("OCOP_TODAY")
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if value else date.today()
    except ValueError:
        raise BuildRefused(f"OCOP_TODAY='{value}': cần NĂM-THÁNG-NGÀY / expected YYYY-MM-DD") from None
