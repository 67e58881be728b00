"""A reference Shop Gateway server with simulated buyers, orders and parcels, for demo mode and tests."""
