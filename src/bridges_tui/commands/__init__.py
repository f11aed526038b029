"""The non-interactive commands behind `bridges COMMAND`, one module per area."""
