"""cetl: a terminal study companion for CoSN's CETL exam."""

__version__ = "0.1.0"
