"""tip: look up facts in US State Department Trafficking in Persons (TIP) narratives."""

__version__ = "0.1.0"
