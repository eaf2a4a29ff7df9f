"""Matching's REST face: recommendations with the reasons behind each score."""
