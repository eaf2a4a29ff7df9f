"""Advertisers' REST face: the own company profile and its review by administrators."""
