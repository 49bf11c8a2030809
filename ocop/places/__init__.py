"""Units and places: the administrative units a certificate names, and the unit each is part of today."""
