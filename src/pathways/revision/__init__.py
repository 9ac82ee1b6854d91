"""Revising the agreement like code: compare two versions of the model (folders or git revisions)."""
