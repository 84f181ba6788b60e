"""`daiyun …`: the command line, one module per command group (main.py puts them together)."""
