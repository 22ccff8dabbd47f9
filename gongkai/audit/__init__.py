"""The audit: a registry of coded rules run over the canonical model, producing structured findings."""

from gongkai.audit.engine import audit
from gongkai.audit.finding import Finding, Location, Operand, Report, Severity
from gongkai.audit.registry import Rule, all_rules, get_rule

__all__ = ["Finding", "Location", "Operand", "Report", "Rule", "Severity", "all_rules", "audit", "get_rule"]
