"""The sweep window: a grid of runs trained in the background, as a table, a heat map and curves."""
