"""Enquiry bot for UK police forces."""
