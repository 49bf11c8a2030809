"""Small helpers every room uses: text folding and slugs, Vietnamese dates, atomic file writes."""
