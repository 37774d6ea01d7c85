"""The build: checks that stop a slip, the extraction cache, the NLP stage on one or many
processes, linking, assembly and the atomic writes of graph.ttl and manifest.json."""
