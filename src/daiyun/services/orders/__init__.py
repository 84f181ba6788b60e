"""Orders: platform order files imported, uploads followed, orders and imports queried."""
