"""The domain core of the OCOP catalogue.

It decides what a record means (its star, its certificate's status, its
problems); Pelican and the command line only present. It imports no Pelican,
prints nothing and never exits; the day of reckoning ("today") is always a
parameter.
"""
