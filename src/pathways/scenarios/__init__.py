"""What-if scenarios: the scenario format, applying and inverting, comparing models."""
