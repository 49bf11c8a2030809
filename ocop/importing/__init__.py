"""`ocop import`: officers' spreadsheets of certified products turned into records."""
