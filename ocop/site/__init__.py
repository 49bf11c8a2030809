"""The Pelican side of the catalogue: ``PLUGINS = ["ocop.site"]``.

Everything here presents what the core (``ocop``) decides; it is the only
part of the project that imports Pelican.
"""

from .plugin import register  # noqa: F401 - Pelican looks for ``register`` on the plugin module
