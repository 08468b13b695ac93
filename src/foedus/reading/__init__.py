"""Reading sources: actors, events, quantities and quotations with character spans."""
