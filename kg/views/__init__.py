"""Views of a built graph for people and other tools: networkx, exports, show, stats, the
HTML view and the contract check, all reading the graph through reader.py."""
