"""Rule modules, one rule per module, grouped by family. Importing registers them."""
