"""The domain layer: pure data and rules. It never prints, prompts or touches the terminal."""
