"""The NLP stage: spaCy and kg's steps (steps.py) over each article; the only place a spaCy
Doc exists."""
