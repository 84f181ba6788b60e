"""The brand's own operating data (issue 20 point 4, R-R3): bulk export, streamed."""
