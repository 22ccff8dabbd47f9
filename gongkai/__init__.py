"""gongkai (公开): parse, audit, compose and analyse Chinese budget and final-account disclosures."""

__version__ = "0.1.0"
