"""Recognition: turns the reader intermediate into canonical tables, sections and claims."""
