"""The CLI layer: Typer commands, Rich rendering and prompts. Nothing below it prints."""
