"""One view per screen: data from a service in, lines out through cetl_cli/cli/output.py."""
