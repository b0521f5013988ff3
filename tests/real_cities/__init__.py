"""Real cities checked against what their public documents say (see docs/real-cities.md)."""
