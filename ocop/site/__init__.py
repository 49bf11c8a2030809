"""The Pelican side of the catalogue: ``PLUGINS = ["ocop.site"]``.

Everything here presents what the core (``ocop``) decides; it is the only
part of the project that imports Pelican.
"""


def register():
    """Pelican looks for ``register`` on the plugin module. The plugin's modules are imported only
    when Pelican loads it: a build that keeps its site as it is (ocop.site.no_change) never needs
    them."""
    from .plugin import register as register_plugin

    register_plugin()
