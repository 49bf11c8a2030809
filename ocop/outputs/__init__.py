"""What the core produces from checked records: open data, QR codes, photos, labels, reports, docs."""
