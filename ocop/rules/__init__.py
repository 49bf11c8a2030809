"""The OCOP rules: what a record holds, rule sets, scoring sheets, ranks, certificates and statuses.

Nothing here reads files of the products folder or knows about problems: it decides from values.
"""
